-- The status write path: the holds of a recomputation in one PL/pgSQL function (cached plan).
\ir ../functions/public.lock_service_holds.sql
