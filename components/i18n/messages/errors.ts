/**
 * Failures by code. The server's messages are English and precise ("expected at most 50,000, got 60,000"): the
 * English interface shows them as they are; the Chinese one leads with its own sentence and keeps the detail.
 */
import { bilingual } from "../define";

export const errors = bilingual({
  en: {
    detail: (lead: string, detail: string) => `${lead} ${detail}`,
    codes: {
      invalid_input: "The request was refused.",
      empty_input: "There was nothing to search.",
      too_large: "That is over a limit of this server.",
      model_not_found: "That model is not installed on this server.",
      model_corrupt: "The model's files cannot be read.",
      unknown_pooling: "Unknown pooling.",
      kb_not_found: "That knowledge base no longer exists on the server.",
      overloaded: "The server is busy with other searches: try again in a moment.",
      unsupported_media_type: "The request was refused.",
      unauthorized: "That key is not right: check the teacher key printed when the server started.",
      forbidden: "The server refused the request.",
      method_not_allowed: "The request was refused.",
      cancelled: "Cancelled. Your knowledge base is unchanged; search again when you are ready.",
      device_unavailable: "The requested device could not start.",
      storage_full: "The server's disk is full: nothing more can be saved until space is freed. Your text is kept here.",
      store_unavailable: "The server's knowledge-base store is not available right now. Your text is kept here; try again in a moment.",
      insufficient_memory: "This model needs more memory than the server has left. Choose a smaller model or graph.",
      internal: "Something went wrong. Your knowledge base is kept; try again.",
    },
  },
  zh: {
    detail: (lead, detail) => `${lead}（服务器说明：${detail}）`,
    codes: {
      invalid_input: "请求被拒绝。",
      empty_input: "没有可搜索的内容。",
      too_large: "超出了这个服务器的限制。",
      model_not_found: "这个服务器上没有安装该模型。",
      model_corrupt: "无法读取模型文件。",
      unknown_pooling: "未知的池化方式。",
      kb_not_found: "服务器上已经没有这个知识库了。",
      overloaded: "服务器正忙于其他搜索：请稍后再试。",
      unsupported_media_type: "请求被拒绝。",
      unauthorized: "密钥不正确：请核对服务器启动时打印的教师密钥。",
      forbidden: "服务器拒绝了请求。",
      method_not_allowed: "请求被拒绝。",
      cancelled: "已取消。知识库没有改动；准备好后再搜索。",
      device_unavailable: "请求的设备无法启动。",
      storage_full: "服务器磁盘已满：腾出空间之前无法再保存。你的文本仍保留在这里。",
      store_unavailable: "服务器的知识库存储暂时不可用。你的文本仍保留在这里；请稍后再试。",
      insufficient_memory: "这个模型需要的内存超过服务器剩余的内存。请选择更小的模型或图。",
      internal: "出错了。知识库已保留；请重试。",
    },
  },
});
