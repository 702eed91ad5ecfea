/**
 * The embedding worker: one per loaded model. It owns the tokenizer and the onnxruntime session, so neither a
 * tokenization nor a forward pass (synchronous in onnxruntime-node) ever blocks the server's event loop. It does
 * what it is asked, one request at a time; the order (queries first) is the main thread's (scheduler.ts).
 */
import { createEmbedHandlers } from "./embed-handlers";
import type { EmbedProtocol } from "./protocol";
import { serveHandlers } from "./serve";

serveHandlers<EmbedProtocol>(createEmbedHandlers().handlers);
