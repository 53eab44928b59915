-- Email and the mobile webhook (docs/decisions/0013-email-and-mobile-webhook.md).

-- Where a user changes their notification settings in the host app: the link at the foot of
-- every notification email and its List-Unsubscribe header. Null: the email says where to look.
alter table integrators add column notification_settings_url text;

-- Secret rotation without a gap: after a rotation the webhook is signed with the new secret and,
-- until previous_secret_expires_at (24 hours), also with the previous one, so a receiver keeps
-- verifying while it moves to the new secret. Rotating twice drops a leaked secret at once.
alter table mobile_webhooks add column previous_secret text;
alter table mobile_webhooks add column previous_secret_expires_at timestamptz;
