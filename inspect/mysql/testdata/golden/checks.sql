-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `chk` (
  `qty` int NOT NULL CHECK (`qty` >= 0),
  `price` decimal(8,2) NULL,
  `label` varchar(10) NULL,
  CONSTRAINT `label_nonempty` CHECK (`label` <> '' and char_length(`label`) < 9),
  CONSTRAINT `price_positive` CHECK (`price` > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
