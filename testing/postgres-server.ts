/** The real PostgreSQL + pgvector server the store's contract suite runs against (scripts/postgres.mjs). */
export { startPostgres as startTestPostgres, type TestPostgres } from "../scripts/postgres.mjs";
