-- Participations get random ids like ballots: a cuid begins with its creation time, which beside
-- userId (account rounds) said who voted when. Nothing references Participation.id.
UPDATE "Participation" SET "id" = lower(hex(randomblob(20)));
