-- A challenge can be about one of the objectives an agency's return sets for
-- the coming year, as it can about one of its review items (issue 16): the
-- chair raises it beside the objective, and the agency's lead sees it there.
INSERT INTO challenge_target_kinds (kind) VALUES ('objective');
