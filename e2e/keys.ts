/** The keys the browser tests' server is started with (playwright.config.ts): the teacher's and the OpenAI/TEI API key. */
export const E2E_TEACHER_KEY = "e2e-teacher-key-0123456789";
export const E2E_API_KEY = "e2e-api-key-0123456789abcdef";
