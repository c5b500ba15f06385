DROP TABLE return_comments;
DROP TABLE objectives;
DROP TABLE review_items;
DROP TABLE return_status_changes;
DROP TABLE returns;
