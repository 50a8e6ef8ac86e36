CREATE TYPE "public"."pilot_allocation_key" AS ENUM('equal', 'per_inhabitant', 'per_case', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."pilot_gate_criterion" AS ENUM('konkretisierung', 'machbarkeit', 'wirtschaftlichkeit', 'akzeptanz', 'projektplanung');--> statement-breakpoint
CREATE TYPE "public"."pilot_gate_decision" AS ENUM('go', 'revise', 'stop');--> statement-breakpoint
CREATE TABLE "pilot_criterion_scores" (
	"pilot_id" integer NOT NULL,
	"criterion_id" integer NOT NULL,
	"points" smallint NOT NULL,
	CONSTRAINT "pilot_criterion_scores_pilot_id_criterion_id_pk" PRIMARY KEY("pilot_id","criterion_id"),
	CONSTRAINT "pilot_criterion_scores_points_range" CHECK ("pilot_criterion_scores"."points" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "pilot_gates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pilot_gates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pilot_id" integer NOT NULL,
	"criterion" "pilot_gate_criterion" NOT NULL,
	"rating" smallint NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"decision" "pilot_gate_decision" NOT NULL,
	"decided_on" date NOT NULL,
	"decided_by_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pilot_gates_rating_range" CHECK ("pilot_gates"."rating" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "pilot_kpis" (
	"pilot_id" integer NOT NULL,
	"kpi_id" integer NOT NULL,
	"expected_change_percent" numeric(6, 2),
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "pilot_kpis_pilot_id_kpi_id_pk" PRIMARY KEY("pilot_id","kpi_id")
);
--> statement-breakpoint
CREATE TABLE "strategic_criteria" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "strategic_criteria_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"field_id" integer NOT NULL,
	"name" text NOT NULL,
	"weight" smallint NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "strategic_criteria_weight_range" CHECK ("strategic_criteria"."weight" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "pilot_partners" ADD COLUMN "case_count" integer;--> statement-breakpoint
ALTER TABLE "pilots" ADD COLUMN "allocation_key" "pilot_allocation_key" DEFAULT 'equal' NOT NULL;--> statement-breakpoint
ALTER TABLE "pilots" ADD COLUMN "discount_rate_percent" numeric(5, 2) DEFAULT '3.00' NOT NULL;--> statement-breakpoint
ALTER TABLE "pilots" ADD COLUMN "base_year" smallint;--> statement-breakpoint
ALTER TABLE "pilot_criterion_scores" ADD CONSTRAINT "pilot_criterion_scores_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_criterion_scores" ADD CONSTRAINT "pilot_criterion_scores_criterion_id_strategic_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."strategic_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_gates" ADD CONSTRAINT "pilot_gates_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_gates" ADD CONSTRAINT "pilot_gates_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_kpis" ADD CONSTRAINT "pilot_kpis_pilot_id_pilots_id_fk" FOREIGN KEY ("pilot_id") REFERENCES "public"."pilots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pilot_kpis" ADD CONSTRAINT "pilot_kpis_kpi_id_kpis_id_fk" FOREIGN KEY ("kpi_id") REFERENCES "public"."kpis"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_criteria" ADD CONSTRAINT "strategic_criteria_field_id_cooperation_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."cooperation_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pilot_gates_pilot_idx" ON "pilot_gates" USING btree ("pilot_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "strategic_criteria_field_name_unique" ON "strategic_criteria" USING btree ("field_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "pilots_field_title_unique" ON "pilots" USING btree ("field_id","title");--> statement-breakpoint
ALTER TABLE "pilot_partners" ADD CONSTRAINT "pilot_partners_cases_non_negative" CHECK ("pilot_partners"."case_count" >= 0);--> statement-breakpoint
ALTER TABLE "pilots" ADD CONSTRAINT "pilots_rate_range" CHECK ("pilots"."discount_rate_percent" between -5 and 20);