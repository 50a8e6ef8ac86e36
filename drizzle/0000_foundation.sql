CREATE TYPE "public"."initiative_status" AS ENUM('planned', 'running', 'completed', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."kpi_aggregation" AS ENUM('sum', 'mean', 'last');--> statement-breakpoint
CREATE TYPE "public"."kpi_denominator" AS ENUM('none', 'per_1000_inhabitants', 'per_case');--> statement-breakpoint
CREATE TYPE "public"."kpi_polarity" AS ENUM('higher_is_better', 'lower_is_better', 'target_band');--> statement-breakpoint
CREATE TYPE "public"."kpi_unit" AS ENUM('percent', 'days', 'hours', 'minutes', 'seconds', 'euro', 'count', 'ratio');--> statement-breakpoint
CREATE TYPE "public"."measurement_state" AS ENUM('draft', 'submitted', 'released');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('city', 'municipality', 'association');--> statement-breakpoint
CREATE TYPE "public"."pilot_line_kind" AS ENUM('investment', 'operating', 'benefit');--> statement-breakpoint
CREATE TYPE "public"."pilot_scenario" AS ENUM('planned', 'actual');--> statement-breakpoint
CREATE TYPE "public"."pilot_status" AS ENUM('idea', 'planned', 'running', 'completed', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'observer', 'city_leadership', 'controller', 'approver', 'field_lead');--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ags" text,
	"kind" "organisation_kind" NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"contact_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_ags_unique" UNIQUE("ags"),
	CONSTRAINT "organisations_slug_unique" UNIQUE("slug"),
	CONSTRAINT "organisations_ags_format" CHECK ("organisations"."ags" ~ '^[0-9]{8}$'),
	CONSTRAINT "organisations_slug_format" CHECK ("organisations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "organisations_city_has_ags" CHECK ("organisations"."kind" = 'association' or "organisations"."ags" is not null)
);
--> statement-breakpoint
CREATE TABLE "populations" (
	"organisation_id" integer NOT NULL,
	"reference_date" date NOT NULL,
	"inhabitants" integer NOT NULL,
	"source" text NOT NULL,
	"is_estimate" boolean DEFAULT false NOT NULL,
	CONSTRAINT "populations_organisation_id_reference_date_pk" PRIMARY KEY("organisation_id","reference_date"),
	CONSTRAINT "populations_positive" CHECK ("populations"."inhabitants" > 0)
);
--> statement-breakpoint
CREATE TABLE "cooperation_fields" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cooperation_fields_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"description_de" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"lead_organisation_id" integer,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "cooperation_fields_slug_unique" UNIQUE("slug"),
	CONSTRAINT "cooperation_fields_slug_format" CHECK ("cooperation_fields"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "field_participants" (
	"field_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"joined_on" date,
	CONSTRAINT "field_participants_field_id_organisation_id_pk" PRIMARY KEY("field_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kpi_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kpi_id" integer NOT NULL,
	"valid_from_year" smallint NOT NULL,
	"valid_from_quarter" smallint NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_de" text NOT NULL,
	"definition_en" text NOT NULL,
	"unit" "kpi_unit" NOT NULL,
	"decimals" smallint DEFAULT 1 NOT NULL,
	"polarity" "kpi_polarity" NOT NULL,
	"aggregation" "kpi_aggregation" NOT NULL,
	"denominator" "kpi_denominator" DEFAULT 'none' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"plausible_change_percent" smallint,
	"green_min" numeric(24, 6),
	"green_max" numeric(24, 6),
	"yellow_min" numeric(24, 6),
	"yellow_max" numeric(24, 6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_versions_valid_from_unique" UNIQUE("kpi_id","valid_from_year","valid_from_quarter"),
	CONSTRAINT "kpi_versions_decimals" CHECK ("kpi_versions"."decimals" between 0 and 4),
	CONSTRAINT "kpi_versions_plausible_change" CHECK ("kpi_versions"."plausible_change_percent" > 0),
	CONSTRAINT "kpi_versions_year_range" CHECK ("kpi_versions"."valid_from_year" between 2000 and 2100),
	CONSTRAINT "kpi_versions_quarter_range" CHECK ("kpi_versions"."valid_from_quarter" between 1 and 4),
	CONSTRAINT "kpi_versions_green_order" CHECK ("kpi_versions"."green_min" <= "kpi_versions"."green_max"),
	CONSTRAINT "kpi_versions_yellow_below_green" CHECK ("kpi_versions"."yellow_min" <= "kpi_versions"."green_min"),
	CONSTRAINT "kpi_versions_yellow_above_green" CHECK ("kpi_versions"."yellow_max" >= "kpi_versions"."green_max"),
	CONSTRAINT "kpi_versions_yellow_needs_green" CHECK (("kpi_versions"."yellow_min" is null or "kpi_versions"."green_min" is not null) and ("kpi_versions"."yellow_max" is null or "kpi_versions"."green_max" is not null))
);
--> statement-breakpoint
CREATE TABLE "kpis" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "kpis_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"field_id" integer NOT NULL,
	"owner_organisation_id" integer,
	"code" text NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "kpis_code_unique" UNIQUE NULLS NOT DISTINCT("field_id","owner_organisation_id","code"),
	CONSTRAINT "kpis_code_format" CHECK ("kpis"."code" ~ '^[A-Z0-9][A-Z0-9._-]{0,31}$')
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "initiatives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"objective_id" integer NOT NULL,
	"title" text NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"status" "initiative_status" DEFAULT 'planned' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "initiatives_dates" CHECK ("initiatives"."ends_on" >= "initiatives"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "objective_links" (
	"from_objective_id" integer NOT NULL,
	"to_objective_id" integer NOT NULL,
	CONSTRAINT "objective_links_from_objective_id_to_objective_id_pk" PRIMARY KEY("from_objective_id","to_objective_id"),
	CONSTRAINT "objective_links_no_self" CHECK ("objective_links"."from_objective_id" <> "objective_links"."to_objective_id")
);
--> statement-breakpoint
CREATE TABLE "objectives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "objectives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"perspective_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	"sort_order" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "perspectives" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "perspectives_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scorecard_id" integer NOT NULL,
	"key" text,
	"name_de" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" smallint NOT NULL,
	CONSTRAINT "perspectives_key_unique" UNIQUE("scorecard_id","key")
);
--> statement-breakpoint
CREATE TABLE "scorecard_kpis" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scorecard_kpis_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"objective_id" integer NOT NULL,
	"kpi_id" integer NOT NULL,
	"weight" numeric(6, 2) DEFAULT '1' NOT NULL,
	"sort_order" smallint NOT NULL,
	CONSTRAINT "scorecard_kpis_unique" UNIQUE("objective_id","kpi_id"),
	CONSTRAINT "scorecard_kpis_weight_positive" CHECK ("scorecard_kpis"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "scorecards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scorecards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"field_id" integer NOT NULL,
	"mission" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecards_org_field_unique" UNIQUE("organisation_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"scorecard_kpi_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"green_min" numeric(24, 6),
	"green_max" numeric(24, 6),
	"yellow_min" numeric(24, 6),
	"yellow_max" numeric(24, 6),
	CONSTRAINT "targets_scorecard_kpi_id_year_pk" PRIMARY KEY("scorecard_kpi_id","year"),
	CONSTRAINT "targets_year_range" CHECK ("targets"."year" between 2000 and 2100),
	CONSTRAINT "targets_green_order" CHECK ("targets"."green_min" <= "targets"."green_max"),
	CONSTRAINT "targets_yellow_below_green" CHECK ("targets"."yellow_min" <= "targets"."green_min"),
	CONSTRAINT "targets_yellow_above_green" CHECK ("targets"."yellow_max" >= "targets"."green_max"),
	CONSTRAINT "targets_yellow_needs_green" CHECK (("targets"."yellow_min" is null or "targets"."green_min" is not null) and ("targets"."yellow_max" is null or "targets"."green_max" is not null))
);
--> statement-breakpoint
CREATE TABLE "measurements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measurements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"kpi_id" integer NOT NULL,
	"kpi_version_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"quarter" smallint NOT NULL,
	"value" numeric(24, 6) NOT NULL,
	"case_count" numeric(24, 6),
	"state" "measurement_state" DEFAULT 'draft' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" integer,
	"released_at" timestamp with time zone,
	CONSTRAINT "measurements_org_kpi_period_unique" UNIQUE("organisation_id","kpi_id","year","quarter"),
	CONSTRAINT "measurements_year_range" CHECK ("measurements"."year" between 2000 and 2100),
	CONSTRAINT "measurements_quarter_range" CHECK ("measurements"."quarter" between 1 and 4),
	CONSTRAINT "measurements_case_count_positive" CHECK ("measurements"."case_count" > 0),
	CONSTRAINT "measurements_released_has_time" CHECK ("measurements"."state" <> 'released' or "measurements"."released_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"organisation_id" integer,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" text,
	"after" text
);
--> statement-breakpoint
CREATE TABLE "role_assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"role" "role" NOT NULL,
	"organisation_id" integer,
	"field_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_unique" UNIQUE NULLS NOT DISTINCT("user_id","role","organisation_id","field_id"),
	CONSTRAINT "role_assignments_scope" CHECK (case
				when "role_assignments"."role" in ('admin', 'observer') then "role_assignments"."organisation_id" is null and "role_assignments"."field_id" is null
				when "role_assignments"."role" = 'field_lead' then "role_assignments"."organisation_id" is null and "role_assignments"."field_id" is not null
				else "role_assignments"."organisation_id" is not null and "role_assignments"."field_id" is null
			end)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_active_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"two_factor_verified" boolean DEFAULT false NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"locale" text DEFAULT 'de' NOT NULL,
	"totp_secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"password_changed_at" timestamp with time zone,
	CONSTRAINT "users_locale" CHECK ("users"."locale" in ('de', 'en'))
);
--> statement-breakpoint
CREATE TABLE "pilot_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pilot_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pilot_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"kind" "pilot_line_kind" NOT NULL,
	"scenario" "pilot_scenario" NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"amount_euro" numeric(14, 2) NOT NULL,
	"budget_relevant" boolean DEFAULT true NOT NULL,
	CONSTRAINT "pilot_lines_year_range" CHECK ("pilot_lines"."year" between 2000 and 2100),
	CONSTRAINT "pilot_lines_amount_non_negative" CHECK ("pilot_lines"."amount_euro" >= 0)
);
--> statement-breakpoint
CREATE TABLE "pilot_partners" (
	"pilot_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"share_percent" numeric(5, 2),
	CONSTRAINT "pilot_partners_pilot_id_organisation_id_pk" PRIMARY KEY("pilot_id","organisation_id"),
	CONSTRAINT "pilot_partners_share_range" CHECK ("pilot_partners"."share_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "pilots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pilots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"field_id" integer NOT NULL,
	"lead_organisation_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "pilot_status" DEFAULT 'idea' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilots_dates" CHECK ("pilots"."ends_on" >= "pilots"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "populations" ADD CONSTRAINT "populations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_fields" ADD CONSTRAINT "cooperation_fields_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_participants" ADD CONSTRAINT "field_participants_field_id_cooperation_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."cooperation_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_participants" ADD CONSTRAINT "field_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_versions" ADD CONSTRAINT "kpi_versions_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_field_id_cooperation_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."cooperation_fields"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpis" ADD CONSTRAINT "kpis_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_links" ADD CONSTRAINT "objective_links_from_objective_id_objectives_id_fk" FOREIGN KEY ("from_objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_links" ADD CONSTRAINT "objective_links_to_objective_id_objectives_id_fk" FOREIGN KEY ("to_objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objectives" ADD CONSTRAINT "objectives_perspective_id_perspectives_id_fk" FOREIGN KEY ("perspective_id") REFERENCES "public"."perspectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "perspectives" ADD CONSTRAINT "perspectives_scorecard_id_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."scorecards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_kpis" ADD CONSTRAINT "scorecard_kpis_objective_id_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."objectives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_kpis" ADD CONSTRAINT "scorecard_kpis_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecards" ADD CONSTRAINT "scorecards_field_id_cooperation_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."cooperation_fields"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_scorecard_kpi_id_scorecard_kpis_id_fk" FOREIGN KEY ("scorecard_kpi_id") REFERENCES "public"."scorecard_kpis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_kpi_version_id_kpi_versions_id_fk" FOREIGN KEY ("kpi_version_id") REFERENCES "public"."kpi_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_field_id_cooperation_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."cooperation_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_lines" ADD CONSTRAINT "pilot_lines_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_partners" ADD CONSTRAINT "pilot_partners_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_partners" ADD CONSTRAINT "pilot_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_field_id_cooperation_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."cooperation_fields"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_versions_kpi_idx" ON "kpi_versions" USING btree ("kpi_id");--> statement-breakpoint
CREATE INDEX "initiatives_objective_idx" ON "initiatives" USING btree ("objective_id");--> statement-breakpoint
CREATE INDEX "objectives_perspective_idx" ON "objectives" USING btree ("perspective_id","sort_order");--> statement-breakpoint
CREATE INDEX "perspectives_scorecard_idx" ON "perspectives" USING btree ("scorecard_id","sort_order");--> statement-breakpoint
CREATE INDEX "scorecard_kpis_kpi_idx" ON "scorecard_kpis" USING btree ("kpi_id");--> statement-breakpoint
CREATE INDEX "scorecards_field_idx" ON "scorecards" USING btree ("field_id");--> statement-breakpoint
CREATE INDEX "measurements_kpi_period_idx" ON "measurements" USING btree ("kpi_id","year","quarter");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_organisation_at_idx" ON "audit_log" USING btree ("organisation_id","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "pilot_lines_pilot_idx" ON "pilot_lines" USING btree ("pilot_id","scenario","year");--> statement-breakpoint
CREATE INDEX "pilots_field_idx" ON "pilots" USING btree ("field_id");