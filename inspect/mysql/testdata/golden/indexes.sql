-- Written by schemawatch from a mysql snapshot. Apply as one batch: mariadb --delimiter='$$sw$$' < this.sql
CREATE DATABASE IF NOT EXISTS `fixture` DEFAULT CHARACTER SET utf8mb4 DEFAULT COLLATE utf8mb4_general_ci;
USE `fixture`;
CREATE TABLE `docs` (
  `a` int NOT NULL,
  `b` varchar(200) NOT NULL,
  `c` text NULL,
  `d` int NULL,
  `g` point NOT NULL,
  PRIMARY KEY (`a`, `b`(20)),
  FULLTEXT KEY `ft_c` (`c`),
  KEY `ix_b_prefix` (`b`(10)),
  KEY `ix_desc` (`d` DESC, `a`),
  KEY `ix_ignored` (`d`) COMMENT 'rarely used' /*M!100600 IGNORED*/ /*!80000 INVISIBLE*/,
  SPATIAL KEY `sp_g` (`g`),
  UNIQUE KEY `uq_d` (`d`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `longuniq` (
  `t` text NULL,
  UNIQUE KEY `uq_t` (`t`) USING HASH
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `memidx` (
  `k` int NOT NULL,
  `v` int NULL,
  KEY `ix_k` (`k`) USING HASH,
  KEY `ix_v` (`v`) USING BTREE
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
