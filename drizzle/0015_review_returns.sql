ALTER TABLE "measurements" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "returned_by" integer;--> statement-breakpoint
ALTER TABLE "measurements" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_returned_by_users_id_fk" FOREIGN KEY ("returned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;