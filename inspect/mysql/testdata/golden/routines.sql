-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `nums` (
  `n` int NOT NULL,
  PRIMARY KEY (`n`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
USE `fixture`;
CREATE FUNCTION `add_one`(`x` int) RETURNS int
  COMMENT 'adds one'
  DETERMINISTIC
  NO SQL
  SQL SECURITY DEFINER
RETURN x + 1;
CREATE PROCEDURE `fill`(IN `upto` int, OUT `made` int, INOUT `note` varchar(10))
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
BEGIN
  DECLARE i int DEFAULT 0;
  WHILE i < upto DO
    INSERT INTO nums VALUES (i);
    SET i = i + 1;
  END WHILE;
  SET made = i;
  SET note = 'done';
END;
CREATE FUNCTION `greet`(`who` varchar(20)) RETURNS varchar(40)
  NOT DETERMINISTIC
  READS SQL DATA
  SQL SECURITY INVOKER
RETURN concat('hi ', who);
CREATE PROCEDURE `noop`()
  NOT DETERMINISTIC
  CONTAINS SQL
  SQL SECURITY DEFINER
BEGIN END;
