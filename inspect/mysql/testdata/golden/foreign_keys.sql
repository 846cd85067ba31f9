-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `child` (
  `id` int NOT NULL,
  `parent_id` int NULL,
  `parent_code` char(2) NULL,
  `up` int NULL,
  PRIMARY KEY (`id`),
  KEY `fk_pair` (`parent_id`, `parent_code`),
  KEY `fk_self` (`up`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `parent` (
  `id` int NOT NULL,
  `code` char(2) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq` (`id`, `code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
ALTER TABLE `fixture`.`child` ADD CONSTRAINT `fk_pair` FOREIGN KEY (`parent_id`, `parent_code`) REFERENCES `fixture`.`parent` (`id`, `code`) ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE `fixture`.`child` ADD CONSTRAINT `fk_parent` FOREIGN KEY (`parent_id`) REFERENCES `fixture`.`parent` (`id`) ON DELETE CASCADE ON UPDATE SET NULL;
ALTER TABLE `fixture`.`child` ADD CONSTRAINT `fk_self` FOREIGN KEY (`up`) REFERENCES `fixture`.`child` (`id`) ON DELETE RESTRICT ON UPDATE RESTRICT;
