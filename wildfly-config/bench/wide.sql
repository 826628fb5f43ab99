-- The "wide" benchmark table (bin/bench, bin/torture): a bigint key, timestamptz, a title, 200-600 chars of text
-- from a word list (some non-ASCII), a jsonb object with a nested array, and a ~1.9 KB bytea (a text header, 768
-- incompressible bytes, 768 bytes of 4-bit entropy, a repetitive tail: like small embedded files). The same SQL
-- as the compression measurement (docs/COMPRESSION-MEASUREMENTS.md), with the row count as a psql variable:
--   psql -v rows=100000 -f wide.sql
DROP TABLE IF EXISTS wide;
CREATE TABLE wide (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, title text NOT NULL,
                   body text, attrs jsonb, payload bytea);
INSERT INTO wide
SELECT i,
  timestamptz '2023-01-01 00:00:00+00' + i * interval '317 seconds' + (random() * interval '300 seconds'),
  'Document ' || i || ' - ' || (ARRAY['invoice','contract','report','memo','letter','protocol'])[1 + i % 6]
      || ' for customer C' || lpad((i * 7919 % 5000)::text, 5, '0'),
  (SELECT string_agg(w[1 + floor(random() * array_length(w, 1))::int], ' ')
     FROM generate_series(1, 40 + (i % 60)) g,
          (SELECT ARRAY['the','of','and','to','in','a','is','that','for','it','as','was','with','be','by','on','not',
                        'he','this','are','or','his','from','at','which','but','have','an','had','they','you','were',
                        'their','one','all','we','can','her','has','there','been','if','more','when','will','would',
                        'who','so','no','patient','invoice','amount','payment','delivery','contract','signed','date',
                        'approved','rejected','pending','department','warehouse','order','customer','account','total',
                        'review','document','version','draft','final','Müller','Zürich','Ærø','naïve','café']) AS words(w)
     WHERE g > 0 * i),
  jsonb_build_object(
      'customer', 'C' || lpad((i * 7919 % 5000)::text, 5, '0'),
      'amount', round((random() * 10000)::numeric, 2),
      'currency', (ARRAY['EUR','USD','CHF'])[1 + i % 3],
      'approved', i % 3 = 0,
      'tags', to_jsonb((ARRAY['urgent','archived','reviewed','external','internal'])[1:1 + i % 5]),
      'lines', (SELECT jsonb_agg(jsonb_build_object('sku', 'SKU-' || (i * 31 + l) % 9973, 'qty', 1 + (i + l) % 9,
                                                    'price', round((random() * 500)::numeric, 2)))
                  FROM generate_series(1, 1 + i % 5) l)),
  convert_to('%LBDOC-1.4 id=' || i || ' created=' || (current_date - (i % 900)) || E'\n', 'UTF8')
  || (SELECT decode(string_agg(md5(i || '-' || g), ''), 'hex') FROM generate_series(1, 48) g)
  || (SELECT decode(string_agg(regexp_replace(md5(g || '+' || i), '(.)', '0\1', 'g'), ''), 'hex')
        FROM generate_series(1, 24) g)
  || convert_to(repeat('stream ' || (i % 97) || ' 0 obj endobj ', 16), 'UTF8')
FROM generate_series(1, :rows) i;
