-- One live company per ИНН+КПП, guarded by the database (issue 15). A missing КПП (sole traders) is one value.
-- Duplicates already in the base are kept and marked: every live company sharing ИНН+КПП with an older live
-- one gets duplicate_of_id = that older one's id and stays outside the unique index until merged or edited.
ALTER TABLE `companies` ADD `duplicate_of_id` integer;--> statement-breakpoint
UPDATE `companies` SET `duplicate_of_id` = (
  SELECT min(h.`id`) FROM `companies` h
  WHERE h.`inn` = `companies`.`inn` AND coalesce(h.`kpp`, '') = coalesce(`companies`.`kpp`, '')
    AND h.`merged_into_id` IS NULL AND h.`id` < `companies`.`id`
) WHERE `inn` IS NOT NULL AND `merged_into_id` IS NULL AND EXISTS (
  SELECT 1 FROM `companies` h
  WHERE h.`inn` = `companies`.`inn` AND coalesce(h.`kpp`, '') = coalesce(`companies`.`kpp`, '')
    AND h.`merged_into_id` IS NULL AND h.`id` < `companies`.`id`
);--> statement-breakpoint
CREATE UNIQUE INDEX `companies_inn_kpp_live_uq` ON `companies` (`inn`, coalesce(`kpp`, '')) WHERE `inn` IS NOT NULL AND `merged_into_id` IS NULL AND `duplicate_of_id` IS NULL;
