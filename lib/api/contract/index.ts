/**
 * The wire contract of the radar API, one module for routes and the browser alike: request schemas (zod) and the
 * request types derived from them, response types, the error body and the API limits. Pure: safe for components.
 */
export * from "./calibration";
export * from "./explain";
export * from "./fields";
export * from "./kb";
export * from "./lab";
export * from "./lab-sts";
export * from "./limits";
export * from "./map";
export * from "./search";
export * from "./status";
export * from "./wire-types";
export * from "./library";
export * from "./lab-layers";
