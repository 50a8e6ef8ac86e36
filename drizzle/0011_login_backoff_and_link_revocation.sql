ALTER TABLE "password_reset_tokens" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "login_throttle_last_failure_idx" ON "login_throttle" USING btree ("last_failure_at");--> statement-breakpoint
ALTER TABLE "login_throttle" DROP COLUMN "window_started_at";--> statement-breakpoint
ALTER TABLE "login_throttle" DROP COLUMN "locked_until";