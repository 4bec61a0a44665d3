-- types, an alias and one negated statement ("Microsoft no longer pays OpenAI")
UPDATE entity SET type = 'ORG' WHERE name IN ('OpenAI', 'Microsoft', 'Amazon', 'Google', 'AT&T', 'Société Générale', 'Amazon Web Services', 'The "Quoted" Co');
UPDATE entity SET type = 'PERSON' WHERE name = 'Sam Altman';
UPDATE entity SET type = 'PRODUCT' WHERE name IN ('ChatGPT', 'Azure');
INSERT INTO alias (alias_key, alias, entity_id) SELECT 'aws', 'AWS', id FROM entity WHERE name = 'Amazon Web Services';
INSERT INTO triple (subject_id, relation_id, object_id, negated, surface, confidence)
  SELECT s.id, r.id, o.id, 1, 'no longer pays', 0.9 FROM entity s, relation r, entity o
  WHERE s.name = 'Microsoft' AND r.name = 'pay' AND o.name = 'OpenAI';
-- an alias that is another entity's canonical name: "OpenAI" must still mean OpenAI
INSERT INTO alias (alias_key, alias, entity_id) SELECT 'openai', 'OpenAI', id FROM entity WHERE name = 'ChatGPT';
