DROP TABLE IF EXISTS report_perf_hidden;
DROP TABLE IF EXISTS report_perf_blocks;
