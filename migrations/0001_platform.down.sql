DROP TABLE failed_sign_ins;
DROP TABLE audit_events;
DROP TABLE periods;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE agencies;
DROP TABLE board;
