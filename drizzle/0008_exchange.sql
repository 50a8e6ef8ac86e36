CREATE TYPE "public"."exchange_note_kind" AS ENUM('comment', 'lesson');--> statement-breakpoint
CREATE TYPE "public"."value_factor_kind" AS ENUM('outsourcing', 'case_mix', 'one_off', 'staffing', 'legal_change', 'it_change', 'other');--> statement-breakpoint
CREATE TABLE "exchange_note_revisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_note_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"note_id" integer NOT NULL,
	"kind" "exchange_note_kind" NOT NULL,
	"body" text NOT NULL,
	"written_by_user_id" integer NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pilot_id" integer,
	"organisation_id" integer,
	"kpi_id" integer,
	"year" smallint,
	"quarter" smallint,
	"kind" "exchange_note_kind" DEFAULT 'comment' NOT NULL,
	"body" text NOT NULL,
	"author_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "exchange_notes_one_target" CHECK (("exchange_notes"."pilot_id" is not null and "exchange_notes"."organisation_id" is null and "exchange_notes"."kpi_id" is null and "exchange_notes"."year" is null and "exchange_notes"."quarter" is null)
			or ("exchange_notes"."pilot_id" is null and "exchange_notes"."organisation_id" is not null and "exchange_notes"."kpi_id" is not null and "exchange_notes"."year" is not null and "exchange_notes"."quarter" is not null)),
	CONSTRAINT "exchange_notes_body_length" CHECK (char_length("exchange_notes"."body") between 1 and 4000),
	CONSTRAINT "exchange_notes_year_range" CHECK ("exchange_notes"."year" between 2000 and 2100),
	CONSTRAINT "exchange_notes_quarter_range" CHECK ("exchange_notes"."quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "value_factors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "value_factors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"kpi_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"quarter" smallint NOT NULL,
	"kind" "value_factor_kind" NOT NULL,
	"explanation" text NOT NULL,
	"estimated_effect" text DEFAULT '' NOT NULL,
	"created_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "value_factors_explanation_length" CHECK (char_length("value_factors"."explanation") between 1 and 500),
	CONSTRAINT "value_factors_effect_length" CHECK (char_length("value_factors"."estimated_effect") <= 200),
	CONSTRAINT "value_factors_year_range" CHECK ("value_factors"."year" between 2000 and 2100),
	CONSTRAINT "value_factors_quarter_range" CHECK ("value_factors"."quarter" between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "exchange_note_revisions" ADD CONSTRAINT "exchange_note_revisions_note_id_exchange_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."exchange_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_note_revisions" ADD CONSTRAINT "exchange_note_revisions_written_by_user_id_users_id_fk" FOREIGN KEY ("written_by_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_notes" ADD CONSTRAINT "exchange_notes_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_notes" ADD CONSTRAINT "exchange_notes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_notes" ADD CONSTRAINT "exchange_notes_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_notes" ADD CONSTRAINT "exchange_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_factors" ADD CONSTRAINT "value_factors_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_factors" ADD CONSTRAINT "value_factors_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "value_factors" ADD CONSTRAINT "value_factors_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_note_revisions_note_idx" ON "exchange_note_revisions" USING btree ("note_id","written_at");--> statement-breakpoint
CREATE INDEX "exchange_notes_pilot_idx" ON "exchange_notes" USING btree ("pilot_id","created_at");--> statement-breakpoint
CREATE INDEX "exchange_notes_value_idx" ON "exchange_notes" USING btree ("organisation_id","kpi_id","year","quarter");--> statement-breakpoint
CREATE INDEX "exchange_notes_kpi_period_idx" ON "exchange_notes" USING btree ("kpi_id","year","quarter");--> statement-breakpoint
CREATE INDEX "value_factors_value_idx" ON "value_factors" USING btree ("organisation_id","kpi_id","year","quarter");--> statement-breakpoint
CREATE INDEX "value_factors_kpi_period_idx" ON "value_factors" USING btree ("kpi_id","year","quarter");