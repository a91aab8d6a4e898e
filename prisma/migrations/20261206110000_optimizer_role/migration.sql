-- A fourth LLM role (decision 0029): the optimizer suggests a revised method
-- from a version's failures. Its calls belong to no run (run_id stays null).
ALTER TYPE "LlmRole" ADD VALUE 'optimizer';
