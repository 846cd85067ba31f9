-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `acct` (
  `id` int NOT NULL,
  `balance` int NOT NULL DEFAULT '0',
  `touched` int NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `audit` (
  `id` int NOT NULL AUTO_INCREMENT,
  `what` varchar(20) NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
USE `fixture`;
CREATE TRIGGER `acct_au` AFTER UPDATE ON `acct` FOR EACH ROW BEGIN
  IF NEW.balance < 0 THEN
    INSERT INTO audit (what) VALUES ('negative');
  END IF;
  INSERT INTO audit (what) VALUES ('update');
END;
CREATE TRIGGER `acct_bd` BEFORE DELETE ON `acct` FOR EACH ROW INSERT INTO audit (what) VALUES ('delete');
CREATE TRIGGER `acct_bi` BEFORE INSERT ON `acct` FOR EACH ROW SET NEW.touched = 1;
CREATE TRIGGER `acct_bi2` BEFORE INSERT ON `acct` FOR EACH ROW SET NEW.balance = GREATEST(NEW.balance, 0);
