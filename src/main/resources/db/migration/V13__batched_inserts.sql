-- Rows written many to a transaction take their ids from their sequence 50 at a time (Hibernate's pooled optimizer,
-- allocationSize = 50 on the entity), so Hibernate can send them in JDBC batches with the rest of the flush:
--   workout_log_sets: a logged workout writes one row per set (6-30), one insert and one round trip each while
--     the ids came from the identity default, because an identity value exists only after its insert;
--   activity_log: every audited write adds a row, inserted the moment it was recorded.
-- The column defaults keep working for any other writer: each nextval reserves the block of 50 ids that ends at
-- the value it returns, so the defaults and Hibernate never hand out the same id.
ALTER SEQUENCE workout_log_sets_id_seq INCREMENT BY 50;
ALTER SEQUENCE activity_log_id_seq INCREMENT BY 50;
