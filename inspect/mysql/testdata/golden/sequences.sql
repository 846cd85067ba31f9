-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE SEQUENCE `seq_custom` START WITH 100 MINVALUE 10 MAXVALUE 100000 INCREMENT BY 5 CACHE 50 CYCLE;
CREATE SEQUENCE `seq_plain` START WITH 1 MINVALUE 1 MAXVALUE 9223372036854775806 INCREMENT BY 1 CACHE 1000 NOCYCLE;
CREATE TABLE `orders` (
  `id` bigint NOT NULL DEFAULT (nextval(`seq_custom`)),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
