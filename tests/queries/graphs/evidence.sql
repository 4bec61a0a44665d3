-- an ingested article with two sentences behind "Acme pay Bolt": the first gives a
-- time, the second none (the statement keeps the first one seen)
INSERT INTO document (source, hash, kind) VALUES ('article.txt', 'evidence-test-article', 'text');
INSERT INTO sentence (document_id, idx, start, end, text)
  SELECT id, 0, 0, 41, 'Under the old deal, Acme paid Bolt a fee.' FROM document WHERE source = 'article.txt';
INSERT INTO sentence (document_id, idx, start, end, text)
  SELECT id, 1, 42, 80, 'Critics said Acme paid Bolt too much.' FROM document WHERE source = 'article.txt';
INSERT INTO evidence (triple_id, document_id, sentence_id, surface, confidence, time)
  SELECT t.id, d.id, s.id, 'paid', 0.8, 'Under the old deal'
  FROM triple t, document d, sentence s, relation r
  WHERE t.relation_id = r.id AND r.name = 'pay' AND d.source = 'article.txt' AND s.document_id = d.id AND s.idx = 0;
INSERT INTO evidence (triple_id, document_id, sentence_id, surface, confidence, time)
  SELECT t.id, d.id, s.id, 'paid', 0.6, NULL
  FROM triple t, document d, sentence s, relation r
  WHERE t.relation_id = r.id AND r.name = 'pay' AND d.source = 'article.txt' AND s.document_id = d.id AND s.idx = 1;
UPDATE triple SET time = 'Under the old deal' WHERE relation_id = (SELECT id FROM relation WHERE name = 'pay');
UPDATE triple SET time = 'in 2024' WHERE relation_id = (SELECT id FROM relation WHERE name = 'sue');
