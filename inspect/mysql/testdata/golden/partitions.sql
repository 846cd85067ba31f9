-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `hashed` (
  `id` int NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
PARTITION BY HASH (`id`) PARTITIONS 4;
CREATE TABLE `listed` (
  `region` int NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
PARTITION BY LIST (`region`) (PARTITION `east` VALUES IN (1,2) ENGINE = InnoDB, PARTITION `west` VALUES IN (3) ENGINE = InnoDB);
CREATE TABLE `logs` (
  `id` int NOT NULL,
  `at` date NOT NULL,
  PRIMARY KEY (`id`, `at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
PARTITION BY RANGE (year(`at`)) (PARTITION `p2020` VALUES LESS THAN (2021) ENGINE = InnoDB, PARTITION `pmax` VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
