-- A profile for every user, whichever provider created it (Supabase Auth inserts into auth.users).
create or replace function private.create_profile_for_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (user_id, email, display_name)
  values (new.id, coalesce(new.email, ''), new.raw_user_meta_data ->> 'display_name')
  on conflict (user_id) do nothing;
  return new;
end $$;
revoke all on function private.create_profile_for_user() from public;
