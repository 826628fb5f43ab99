-- Encrypted off-site copies (issue 15): the object's own SHA-256 (an encrypted object is not the package's bytes)
-- and whom it is encrypted for; both null for a copy of the package as it is.
ALTER TABLE lifeboat_copy ADD COLUMN objectsha256 character varying(64);
ALTER TABLE lifeboat_copy ADD COLUMN encryption character varying(2000);
