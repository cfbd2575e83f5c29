-- Participations get random ids like ballots: a cuid begins with its creation time, which beside
-- userId (account rounds) said who voted when. Nothing references Participation.id.
-- gen_random_uuid() (core since PostgreSQL 13) draws from a strong random source.
UPDATE "Participation" SET "id" = replace(gen_random_uuid()::text, '-', '');
