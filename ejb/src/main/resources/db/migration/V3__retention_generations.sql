-- Grandfather-father-son retention: keep the newest package of each of the last N days, ISO weeks and months
-- (null: that generation is not kept). Existing policies keep what they kept.
ALTER TABLE lifeboat_retention ADD COLUMN keepdaily integer;
ALTER TABLE lifeboat_retention ADD COLUMN keepweekly integer;
ALTER TABLE lifeboat_retention ADD COLUMN keepmonthly integer;
