-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `cols` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `tiny` tinyint(1) NOT NULL DEFAULT '0',
  `small` smallint NULL,
  `zf` int(5) unsigned zerofill NULL DEFAULT '00007',
  `big` bigint NOT NULL DEFAULT '-1',
  `dec_` decimal(10,2) NOT NULL DEFAULT '1.50',
  `fl` float NULL DEFAULT '1.5',
  `dbl` double NOT NULL DEFAULT '0',
  `bits` bit(3) NULL DEFAULT b'101',
  `name` varchar(64) NOT NULL DEFAULT 'it''s',
  `nick` varchar(32) CHARACTER SET latin1 COLLATE latin1_swedish_ci NULL COMMENT 'latin nick',
  `code` char(4) COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `body` text NULL,
  `blobby` mediumblob NULL,
  `kind` enum('small','big') NOT NULL DEFAULT 'small',
  `flags` set('a','b','c') NULL DEFAULT 'a,b',
  `born` date NULL DEFAULT '2000-01-01',
  `yr` year NULL,
  `created` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `touched` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `uid` varchar(36) NULL DEFAULT (uuid()),
  `total` int AS (`big` + 1) VIRTUAL,
  `stored_name` varchar(70) AS (concat(`name`,'!')) STORED,
  `secret` int NULL DEFAULT '4' INVISIBLE,
  `doc` json NULL,
  `geo` point NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='all column kinds';
