package dev.trinoai.jobs.sample;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The fixed vocabulary of the sample company: its programs, project and team names, people, vendors and the other
 * proper names that templates draw from. Keeping the names fixed (only their use is seeded) makes the dataset easy to
 * talk about: "Apollo" is always the storefront program.
 */
final class Catalog
{
    record ProgramSpec(String name, String portfolio, List<String> projects, List<OkrTheme> themes)
    {
        ProgramSpec
        {
            requireNonNull(name, "name is null");
            requireNonNull(portfolio, "portfolio is null");
            projects = List.copyOf(projects);
            themes = List.copyOf(themes);
        }
    }

    /**
     * A key result tracked every quarter, moving from baseline toward target (downwards when target is lower).
     */
    record OkrTheme(String objective, String keyResult, String unit, double baseline, double target)
    {
        OkrTheme
        {
            requireNonNull(objective, "objective is null");
            requireNonNull(keyResult, "keyResult is null");
            requireNonNull(unit, "unit is null");
        }
    }

    record TeamSpec(String name, String program, List<String> services)
    {
        TeamSpec
        {
            requireNonNull(name, "name is null");
            requireNonNull(program, "program is null");
            services = List.copyOf(services);
        }
    }

    // The one project name and the one team name with a comma are deliberate (see SampleGenerator).
    static final String PROJECT_WITH_COMMA = "Payments, EMEA rollout";
    static final String TEAM_WITH_COMMA = "Reporting, Insights & BI";

    static final List<ProgramSpec> PROGRAMS = List.of(
            new ProgramSpec("Apollo", "Digital Channels",
                    List.of("Checkout Redesign", "Storefront Replatforming", "Guest Checkout", "Web Accessibility Compliance", "Promotions Engine",
                            "Product Detail Pages", "Cart Recovery Emails"),
                    List.of(new OkrTheme("Make checkout effortless", "Checkout conversion rate", "%", 2.4, 3.2),
                            new OkrTheme("A faster storefront", "Median page load time", "ms", 2400, 1500))),
            new ProgramSpec("Borealis", "Core Platforms",
                    List.of("Kubernetes Migration", "Data Centre Exit", "Observability Platform", "CI/CD Modernisation", "Secrets Management",
                            "Disaster Recovery Rebuild"),
                    List.of(new OkrTheme("Run every service on the new platform", "Services migrated to Kubernetes", "count", 40, 180),
                            new OkrTheme("Make the platform boringly reliable", "Platform availability", "%", 99.5, 99.95))),
            new ProgramSpec("Cascade", "Customer Operations",
                    List.of("Contact Centre Modernisation", "Agent Desktop", "Chatbot Deflection", "Case Management Rewrite", "Workforce Management"),
                    List.of(new OkrTheme("Resolve customer issues on first contact", "First-contact resolution rate", "%", 62, 75),
                            new OkrTheme("Let customers help themselves", "Contacts handled end to end by the chatbot", "%", 5, 25))),
            new ProgramSpec("Delta", "Core Platforms",
                    List.of("Payments Revamp", PROJECT_WITH_COMMA, "Open Banking APIs", "Card Tokenisation", "Ledger Reconciliation", "Fraud Scoring",
                            "Instant Payouts"),
                    List.of(new OkrTheme("Payments that just work", "Payment authorisation success rate", "%", 96.5, 98.5),
                            new OkrTheme("Cut the cost of moving money", "Processing cost per transaction", "USD", 0.31, 0.24))),
            new ProgramSpec("Everest", "Customer Operations",
                    List.of("Subscription Billing", "Invoice Digitisation", "Tax Engine Upgrade", "Dunning Automation", "Multi-currency Pricing"),
                    List.of(new OkrTheme("Bill every customer correctly", "Invoices disputed per quarter", "count", 1200, 400),
                            new OkrTheme("Get paid faster", "Days sales outstanding", "days", 48, 35))),
            new ProgramSpec("Falcon", "Digital Channels",
                    List.of("Mobile App 4.0", "Push Notifications Hub", "In-app Payments", "Offline Mode", "App Store Optimisation", "Wallet Passes"),
                    List.of(new OkrTheme("A mobile app people love", "Crash-free sessions", "%", 98.1, 99.7),
                            new OkrTheme("Grow the mobile audience", "Monthly active app users", "count", 850000, 1200000))),
            new ProgramSpec("Gemini", "Data & AI",
                    List.of("Data Lake Migration", "Event Streaming Backbone", "Data Catalog", "Data Quality Framework", "Customer 360",
                            "GDPR Data Retention"),
                    List.of(new OkrTheme("Data everyone can trust", "Tables with automated quality checks", "%", 20, 80),
                            new OkrTheme("One modern data platform", "Pipelines migrated to the lakehouse", "count", 30, 140))),
            new ProgramSpec("Horizon", "Digital Channels",
                    List.of("Search Relevance", "Personalised Recommendations", "Customer Onboarding", "Self-Service Portal", "Loyalty Programme"),
                    List.of(new OkrTheme("Help customers find what they need", "Search click-through rate", "%", 31, 40),
                            new OkrTheme("Make sign-up painless", "Onboarding completion rate", "%", 54, 70))),
            new ProgramSpec("Ion", "Data & AI",
                    List.of("Support Assistant", "Demand Forecasting Models", "Document AI"),
                    List.of(new OkrTheme("AI that takes work off people", "Support tickets resolved by the assistant", "%", 0, 20),
                            new OkrTheme("Plan with better forecasts", "Forecast error (MAPE)", "%", 18, 10))),
            new ProgramSpec("Juniper", "Core Platforms",
                    List.of("Single Sign-On", "Zero Trust Network", "Customer Identity Platform", "Privileged Access Management", "KYC Automation"),
                    List.of(new OkrTheme("One secure login for everything", "Applications behind single sign-on", "count", 45, 160),
                            new OkrTheme("Shrink the attack surface", "Critical vulnerabilities open", "count", 60, 10))),
            new ProgramSpec("Kestrel", "Customer Operations",
                    List.of("Field Service App", "Route Optimisation", "Warehouse Automation", "Returns Automation", "Parts Inventory Sync"),
                    List.of(new OkrTheme("Fix it on the first visit", "Jobs completed on the first visit", "%", 71, 82),
                            new OkrTheme("Leaner field logistics", "Cost per delivery route", "USD", 142, 120))),
            new ProgramSpec("Lumen", "Data & AI",
                    List.of("Executive Dashboards", "Self-Service BI", "Finance Reporting Rebuild", "Real-time Analytics"),
                    List.of(new OkrTheme("Insight without a ticket", "Weekly active self-service BI users", "count", 400, 1500),
                            new OkrTheme("Dashboards that load instantly", "Dashboard load time p90", "ms", 9000, 3000))));

    static final List<TeamSpec> TEAMS = List.of(
            new TeamSpec("Checkout", "Apollo", List.of("checkout-api", "cart-service", "promo-engine")),
            new TeamSpec("Web Frontend", "Apollo", List.of("storefront-web", "cdn-edge")),
            new TeamSpec("Platform", "Borealis", List.of("k8s-platform", "ci-runners", "service-mesh")),
            new TeamSpec("SRE", "Borealis", List.of("observability-stack", "incident-bot")),
            new TeamSpec("Contact Center", "Cascade", List.of("agent-desktop", "ivr-gateway", "case-service")),
            new TeamSpec("Payments", "Delta", List.of("payments-api", "payment-gateway", "payouts-worker")),
            new TeamSpec("Ledger", "Delta", List.of("ledger-service", "reconciliation-batch")),
            new TeamSpec("Billing", "Everest", List.of("billing-engine", "invoice-service", "tax-service")),
            new TeamSpec("Mobile", "Falcon", List.of("mobile-bff", "ios-app", "android-app")),
            new TeamSpec("Notifications", "Falcon", List.of("notification-hub", "push-gateway")),
            new TeamSpec("Data Engineering", "Gemini", List.of("ingest-pipeline", "event-bus", "lakehouse-jobs")),
            new TeamSpec("Search", "Horizon", List.of("search-api", "search-indexer")),
            new TeamSpec("Onboarding", "Horizon", List.of("signup-service", "kyc-checks", "portal-web")),
            new TeamSpec("ML Engineering", "Ion", List.of("assistant-api", "feature-store", "model-serving")),
            new TeamSpec("Identity", "Juniper", List.of("auth-service", "sso-gateway", "customer-iam")),
            new TeamSpec("Security", "Juniper", List.of("pam-vault", "waf-edge")),
            new TeamSpec("Field Apps", "Kestrel", List.of("field-app-api", "route-planner")),
            new TeamSpec("Integrations", "Kestrel", List.of("erp-connector", "warehouse-sync", "partner-api")),
            new TeamSpec("Analytics Engineering", "Lumen", List.of("dbt-runner", "metrics-api")),
            new TeamSpec(TEAM_WITH_COMMA, "Lumen", List.of("bi-portal", "report-scheduler")));

    static final List<String> FIRST_NAMES = List.of(
            "Aisha", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lars", "Maya", "Nikhil", "Olivia",
            "Pablo", "Quinn", "Rosa", "Sven", "Tanya", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Amelie", "Bruno", "Chloe", "Diego",
            "Emma", "Felix", "Hannah", "Ivan", "Julia", "Kai", "Leila", "Marco", "Nora", "Omar");

    static final List<String> LAST_NAMES = List.of(
            "Okafor", "Lindqvist", "Moreau", "Petrov", "Garcia", "Haddad", "Kim", "Tanaka", "Silva", "Becker", "Adeyemi", "Nielsen", "Patel",
            "Sharma", "Brown", "Romero", "Walsh", "Costa", "Eriksson", "Ivanova", "Khan", "Novak", "Chen", "Lopez", "Demir", "Fischer",
            "Dubois", "Rossi", "Murphy", "Schmidt", "Kowalski", "Jensen", "Hughes", "Ortiz", "Nakamura", "Weber", "Mensah", "Ali", "Sato",
            "Andersen");

    static final List<String> VENDORS = List.of(
            "Northwind Integrations", "Kepler Systems", "Bluefin Consulting", "Arcadia Software", "Meridian Data Services", "Tessellate Labs",
            "Quayside Digital", "Granite Partners", "Helix Payments Ltd", "Orchard Analytics");

    static final List<String> COMPONENTS = List.of(
            "the card tokenisation SDK", "the ledger reconciliation adapter", "the CRM data connector", "the identity federation module",
            "the push notification SDK", "the tax calculation service", "the route-planning API", "the document OCR pipeline",
            "the IVR call-flow configuration", "the data migration tooling", "the search indexing connector", "the BI semantic layer");

    static final List<String> SCOPE_ITEMS = List.of(
            "support for SEPA Instant payments", "a B2B checkout flow with purchase orders", "consent management for the new GDPR guidance",
            "Apple Pay and Google Pay", "six additional languages for the Nordic launch", "a real-time fraud score in the authorisation path",
            "three extra legacy reports for Finance", "offline mode for field technicians", "the fixes required by the WCAG 2.2 audit",
            "a second region for the Canadian launch", "the audit logging required by the SOC 2 review", "a partner API for marketplace sellers");

    static final List<String> ROLES = List.of(
            "senior backend engineers", "data engineers", "iOS developers", "QA automation engineers", "site reliability engineers",
            "Salesforce developers", "frontend engineers", "ML engineers");

    static final List<String> CLOUD_SERVICES = List.of(
            "Amazon Redshift", "Amazon EKS", "Google BigQuery", "Azure Cosmos DB", "AWS NAT Gateway data transfer", "Amazon OpenSearch",
            "Amazon S3 request charges", "Azure Synapse");

    static final List<String> CLOUD_REASONS = List.of(
            "cross-region replication left on after load testing", "an autoscaling floor of 40 nodes that was never lowered",
            "unpartitioned full-table scans from the new dashboards", "debug logging left enabled in production",
            "unlimited retention on the raw event tables", "a retry storm from the nightly sync job",
            "reserved capacity sized for a peak season that did not come", "duplicate environments kept running after the migration");

    static final List<String> LICENSED_PRODUCTS = List.of(
            "Oracle Database Enterprise Edition", "Salesforce Service Cloud", "Datadog APM", "Snowflake", "ServiceNow ITSM", "Tableau Creator",
            "Confluent Platform", "Splunk Enterprise");

    static final List<String> DELIVERABLES = List.of(
            "the single sign-on token service", "the new event streaming topics", "the customer master data API", "the payments sandbox",
            "the shared design system", "the production Kubernetes cluster", "the consent service", "the address validation API");

    static final List<String> PROVIDERS = List.of(
            "Stripe", "Twilio", "SendGrid", "Adyen", "Google Maps Platform", "Okta", "Avalara", "Cloudflare", "PagerDuty", "Zendesk");

    static final List<String> SYSTEMS = List.of(
            "SAP ERP", "the legacy CRM", "the mainframe billing system", "Salesforce", "the warehouse management system", "Workday",
            "the old order database", "NetSuite");

    static final List<String> DATASTORES = List.of(
            "the PostgreSQL database", "the MySQL database", "the MongoDB cluster", "the DynamoDB table", "the Cassandra cluster",
            "the Elasticsearch cluster");

    static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2");

    static final List<String> LIBRARIES = List.of(
            "Spring Boot 2.7", "Node.js 18", "Angular 15", "Python 3.8", "Log4j 1.x", "AngularJS 1.8", "Java 11", "React Native 0.68");

    private Catalog() {}
}
