CREATE TABLE "kreise" (
	"ags5" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "kreise_ags5_format" CHECK ("kreise"."ags5" ~ '^05[0-9]{3}$'),
	CONSTRAINT "kreise_kind" CHECK ("kreise"."kind" in ('kreis', 'kreisfreie_stadt', 'staedteregion'))
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"ags" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"kreis_ags5" text NOT NULL,
	"regierungsbezirk" text NOT NULL,
	CONSTRAINT "municipalities_slug_unique" UNIQUE("slug"),
	CONSTRAINT "municipalities_ags_format" CHECK ("municipalities"."ags" ~ '^05[0-9]{6}$'),
	CONSTRAINT "municipalities_kreis_prefix" CHECK (left("municipalities"."ags", 5) = "municipalities"."kreis_ags5")
);
--> statement-breakpoint
CREATE TABLE "municipality_populations" (
	"ags" text NOT NULL,
	"reference_date" date NOT NULL,
	"inhabitants" integer NOT NULL,
	"source" text NOT NULL,
	"loaded_by" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipality_populations_ags_reference_date_pk" PRIMARY KEY("ags","reference_date"),
	CONSTRAINT "municipality_populations_positive" CHECK ("municipality_populations"."inhabitants" > 0)
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_kreis_ags5_kreise_ags5_fk" FOREIGN KEY ("kreis_ags5") REFERENCES "public"."kreise"("ags5") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_populations" ADD CONSTRAINT "municipality_populations_ags_municipalities_ags_fk" FOREIGN KEY ("ags") REFERENCES "public"."municipalities"("ags") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_populations" ADD CONSTRAINT "municipality_populations_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "municipalities_name_idx" ON "municipalities" USING btree (lower("name"));