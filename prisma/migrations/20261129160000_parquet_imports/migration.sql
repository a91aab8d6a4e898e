-- Parquet seed files are imported too (lib/import/read-parquet.ts).
ALTER TYPE "ImportFormat" ADD VALUE 'parquet';
