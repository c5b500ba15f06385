DROP TABLE return_sections;
