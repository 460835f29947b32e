-- Stores a webhook's signing secret beside it, for an admin of the webhook's org (the caller's own
-- rights, checked here, since the secret's table is closed to request roles). The secret must be
-- kept in clear to sign deliveries; it lives in schema private, where no request role can read it,
-- and only the webhook channel reads it back (as the system). Called in the transaction that creates
-- the webhook.
create or replace function private.set_webhook_secret(p_webhook_id uuid, p_secret text)
returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org_id uuid;
begin
  select w.org_id into v_org_id from public.webhooks w where w.id = p_webhook_id;
  if v_org_id is null or not private.has_role_on_org(v_org_id, 'admin') then
    raise exception 'webhook not found' using errcode = 'P0002';
  end if;
  insert into private.webhook_secrets (webhook_id, secret) values (p_webhook_id, p_secret)
    on conflict (webhook_id) do update set secret = excluded.secret;
end;
$$;
revoke all on function private.set_webhook_secret(uuid, text) from public, anon;
grant execute on function private.set_webhook_secret(uuid, text) to authenticated;
