/** The teacher key of test servers (SEMANTIC_RADAR_TEACHER_KEY there), sent as x-teacher-key to list everything saved. */
export const TEST_TEACHER_KEY = "test-teacher-key-0123456789";
export const TEACHER_HEADERS = { "x-teacher-key": TEST_TEACHER_KEY };
