export { POOLINGS, POOLING_LABELS, isPooling, type Pooling } from "./strategies";
export { pool, poolCls, poolLastToken, poolMax, poolMean, poolMeanContent, type HiddenStates } from "./pool";
export { cosine, l2NormalizeRows, rowNorms } from "./normalize";
export { WEIGHTED_POOLINGS, poolingWeights, splitPooled } from "./weights";
