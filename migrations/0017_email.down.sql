DROP TABLE IF EXISTS mail_secret;
DROP TABLE IF EXISTS notification_opt_outs;
DROP TABLE IF EXISTS outbox;
