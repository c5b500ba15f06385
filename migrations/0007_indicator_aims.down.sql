DROP TABLE IF EXISTS indicator_aims;
