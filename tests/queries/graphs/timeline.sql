-- time qualifiers as the extractor writes them, and mention counts
UPDATE triple SET time = 'since February 2026' WHERE relation_id = (SELECT id FROM relation WHERE name = 'supply');
UPDATE triple SET time = 'under the old deal' WHERE negated = 0 AND subject_id = (SELECT id FROM entity WHERE name = 'Acme') AND relation_id = (SELECT id FROM relation WHERE name = 'pay');
UPDATE triple SET time = 'since March 2026' WHERE negated = 1;
UPDATE triple SET time = 'October 2025' WHERE relation_id = (SELECT id FROM relation WHERE name = 'partner with');
UPDATE triple SET time = 'until 2024' WHERE relation_id = (SELECT id FROM relation WHERE name = 'license');
UPDATE triple SET time = 'in 2019' WHERE relation_id = (SELECT id FROM relation WHERE name = 'acquire');
UPDATE entity SET mention_count = 7 WHERE name = 'Acme';
UPDATE entity SET mention_count = 3 WHERE name = 'Initech';
UPDATE entity SET mention_count = 3 WHERE name = 'Globex';
UPDATE entity SET mention_count = 1 WHERE name = 'Hooli';
