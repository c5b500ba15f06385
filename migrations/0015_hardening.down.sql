DROP TABLE report_pdf_cache;
DROP INDEX failed_sign_ins_address_idx;
ALTER TABLE failed_sign_ins DROP COLUMN address;
