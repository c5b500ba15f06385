DELETE FROM challenges WHERE target_kind = 'objective';
DELETE FROM challenge_target_kinds WHERE kind = 'objective';
