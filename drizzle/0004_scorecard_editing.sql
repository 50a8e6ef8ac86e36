ALTER TABLE "scorecards" DROP CONSTRAINT "scorecards_org_field_unique";--> statement-breakpoint
ALTER TABLE "scorecards" ALTER COLUMN "organisation_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "kpis" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "scorecard_kpis" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_org_field_unique" UNIQUE NULLS NOT DISTINCT("organisation_id","field_id");