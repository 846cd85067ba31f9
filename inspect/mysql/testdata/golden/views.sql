-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `items` (
  `id` int NOT NULL,
  `price` int NOT NULL,
  `hidden` tinyint(1) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
USE `fixture`;
CREATE SQL SECURITY DEFINER VIEW `v_visible` AS select `items`.`id` AS `id`,`items`.`price` AS `price` from `items` where `items`.`hidden` = 0;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW `v_cheap` AS select `v_visible`.`id` AS `id`,`v_visible`.`price` AS `price` from `v_visible` where `v_visible`.`price` < 10 WITH CASCADED CHECK OPTION;
CREATE ALGORITHM=TEMPTABLE SQL SECURITY DEFINER VIEW `v_count` AS select count(0) AS `n`,max(`items`.`price`) AS `top` from `items`;
CREATE SQL SECURITY DEFINER VIEW `v_local` AS select `items`.`id` AS `id`,`items`.`price` AS `price`,`items`.`hidden` AS `hidden` from `items` where `items`.`price` > 5 WITH LOCAL CHECK OPTION;
