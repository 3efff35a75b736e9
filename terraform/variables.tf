# ---------------------------------------------------------------------------------------------
# General
# ---------------------------------------------------------------------------------------------

variable "name" {
  description = "Prefix of every resource name (functions, buckets, table, topic, API). Lower-case letters, digits and hyphens; starts with a letter."
  type        = string
  default     = "darkroom"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,18}[a-z0-9]$", var.name))
    error_message = "name must be 3-20 characters of a-z, 0-9 and '-', start with a letter and not end with '-' (bucket names are built from it)."
  }
}

variable "region" {
  description = "AWS region to deploy to, e.g. eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region code such as us-east-1 or eu-west-1."
  }
}

variable "environment" {
  description = "What the stack is for: \"production\", \"staging\" or \"development\". Only production changes a default: GraphiQL is off there unless graphiql_enabled turns it on."
  type        = string
  default     = "production"

  validation {
    condition     = contains(["production", "staging", "development"], var.environment)
    error_message = "environment must be \"production\", \"staging\" or \"development\"."
  }
}

variable "tags" {
  description = "Tags added to every resource (through the provider's default_tags)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.tags) : length(k) <= 128 && !startswith(lower(k), "aws:")])
    error_message = "tag keys must be at most 128 characters and must not start with 'aws:'."
  }
}

# ---------------------------------------------------------------------------------------------
# Lambda functions
# ---------------------------------------------------------------------------------------------

variable "architecture" {
  description = "Instruction set of every function: arm64 (Graviton, cheaper) or x86_64. `npm run build -- --arch <same>` must package sharp for it; a precondition checks dist/manifest.json."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be \"arm64\" or \"x86_64\"."
  }
}

variable "lambda_dist_dir" {
  description = "Directory holding the zips `npm run build` writes (api.zip, processor.zip, delivery.zip, report.zip, events.zip, manifest.json). Null means ../dist relative to this module."
  type        = string
  default     = null
}

variable "console_dist_dir" {
  description = "Directory holding the web console `npm run build` writes (index.html and console/app-<hash>.js, .css), uploaded to the console bucket (console.tf). Null means console/ in lambda_dist_dir (../dist/console relative to this module)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Retention of the functions' and the API's CloudWatch log groups, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  }
}

variable "tracing_enabled" {
  description = "Turn on AWS X-Ray active tracing for every function (adds the X-Ray write permissions to their roles)."
  type        = bool
  default     = false
}

variable "api_memory_mb" {
  description = "Memory of the GraphQL API function, in MB (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.api_memory_mb >= 128 && var.api_memory_mb <= 10240 && floor(var.api_memory_mb) == var.api_memory_mb
    error_message = "api_memory_mb must be a whole number from 128 to 10240."
  }
}

variable "api_timeout_seconds" {
  description = "Timeout of the GraphQL API function, in seconds. API Gateway HTTP APIs give up after 30 s, so more is pointless."
  type        = number
  default     = 15

  validation {
    condition     = var.api_timeout_seconds >= 1 && var.api_timeout_seconds <= 30 && floor(var.api_timeout_seconds) == var.api_timeout_seconds
    error_message = "api_timeout_seconds must be a whole number from 1 to 30."
  }
}

variable "api_reserved_concurrency" {
  description = "Reserved concurrent executions of the API function; -1 leaves it unreserved (uses the account pool), 0 switches it off. Check the account's unreserved concurrency before setting one (README: Reserved concurrency): Lambda keeps at least 100 unreserved and refuses a reservation that leaves less."
  type        = number
  default     = -1

  validation {
    condition     = var.api_reserved_concurrency >= -1 && floor(var.api_reserved_concurrency) == var.api_reserved_concurrency
    error_message = "api_reserved_concurrency must be -1 (unreserved) or a whole number >= 0."
  }
}

variable "processor_memory_mb" {
  description = "Memory of the image processor function, in MB. sharp decodes whole images in memory and uses the extra vCPUs that come with more memory."
  type        = number
  default     = 2048

  validation {
    condition     = var.processor_memory_mb >= 512 && var.processor_memory_mb <= 10240 && floor(var.processor_memory_mb) == var.processor_memory_mb
    error_message = "processor_memory_mb must be a whole number from 512 to 10240."
  }
}

variable "processor_timeout_seconds" {
  description = "Timeout of the image processor function, in seconds (at most 900)."
  type        = number
  default     = 120

  validation {
    condition     = var.processor_timeout_seconds >= 10 && var.processor_timeout_seconds <= 900 && floor(var.processor_timeout_seconds) == var.processor_timeout_seconds
    error_message = "processor_timeout_seconds must be a whole number from 10 to 900."
  }
}

variable "processor_reserved_concurrency" {
  description = "Reserved concurrent executions of the processor; caps how many images are processed at once (and so the load on Rekognition and the table). -1 leaves it unreserved. Check the account's unreserved concurrency before setting one (README: Reserved concurrency): Lambda keeps at least 100 unreserved and refuses a reservation that leaves less."
  type        = number
  default     = -1

  validation {
    condition     = var.processor_reserved_concurrency >= -1 && floor(var.processor_reserved_concurrency) == var.processor_reserved_concurrency
    error_message = "processor_reserved_concurrency must be -1 (unreserved) or a whole number >= 0."
  }
}

variable "processor_max_retry_attempts" {
  description = "How many times Lambda retries a failed asynchronous (S3-triggered) processor invocation before sending the event to the dead-letter queue."
  type        = number
  default     = 2

  validation {
    condition     = contains([0, 1, 2], var.processor_max_retry_attempts)
    error_message = "processor_max_retry_attempts must be 0, 1 or 2."
  }
}

variable "processor_max_event_age_seconds" {
  description = "How long Lambda keeps an unprocessed S3 event (while throttled or retrying) before sending it to the dead-letter queue."
  type        = number
  default     = 3600

  validation {
    condition     = var.processor_max_event_age_seconds >= 60 && var.processor_max_event_age_seconds <= 21600 && floor(var.processor_max_event_age_seconds) == var.processor_max_event_age_seconds
    error_message = "processor_max_event_age_seconds must be a whole number from 60 to 21600."
  }
}

variable "report_enabled" {
  description = "Deploy the daily report function and its schedule (needs dist/report.zip)."
  type        = bool
  default     = true
}

variable "report_memory_mb" {
  description = "Memory of the daily report function, in MB."
  type        = number
  default     = 256

  validation {
    condition     = var.report_memory_mb >= 128 && var.report_memory_mb <= 10240 && floor(var.report_memory_mb) == var.report_memory_mb
    error_message = "report_memory_mb must be a whole number from 128 to 10240."
  }
}

variable "report_timeout_seconds" {
  description = "Timeout of the daily report function, in seconds."
  type        = number
  default     = 60

  validation {
    condition     = var.report_timeout_seconds >= 1 && var.report_timeout_seconds <= 900 && floor(var.report_timeout_seconds) == var.report_timeout_seconds
    error_message = "report_timeout_seconds must be a whole number from 1 to 900."
  }
}

variable "report_schedule" {
  description = "When the daily report runs: an EventBridge Scheduler expression, cron(minutes hours day-of-month month day-of-week year) or rate(...)."
  type        = string
  default     = "cron(0 7 * * ? *)"

  validation {
    condition     = can(regex("^(cron\\(\\S+( \\S+){5}\\)|rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\))$", var.report_schedule))
    error_message = "report_schedule must look like cron(0 7 * * ? *) (six fields) or rate(1 day)."
  }
}

variable "report_schedule_timezone" {
  description = "IANA time zone the report schedule is evaluated in, e.g. Europe/Berlin."
  type        = string
  default     = "UTC"

  validation {
    condition     = can(regex("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$", var.report_schedule_timezone))
    error_message = "report_schedule_timezone must be an IANA time zone name such as UTC or Europe/Berlin."
  }
}

variable "events_memory_mb" {
  description = "Memory of the events function (fed by the table's stream: counts image transitions, announces finished images), in MB."
  type        = number
  default     = 256

  validation {
    condition     = var.events_memory_mb >= 128 && var.events_memory_mb <= 10240 && floor(var.events_memory_mb) == var.events_memory_mb
    error_message = "events_memory_mb must be a whole number from 128 to 10240."
  }
}

variable "events_timeout_seconds" {
  description = "Timeout of the events function, in seconds: one batch of stream records (events_batch_size) must be counted and announced within it."
  type        = number
  default     = 60

  validation {
    condition     = var.events_timeout_seconds >= 1 && var.events_timeout_seconds <= 900 && floor(var.events_timeout_seconds) == var.events_timeout_seconds
    error_message = "events_timeout_seconds must be a whole number from 1 to 900."
  }
}

variable "events_batch_size" {
  description = "Most stream records the events function receives in one invocation (after the filter). Lambda also sends a smaller batch after waiting 1 second."
  type        = number
  default     = 100

  validation {
    condition     = var.events_batch_size >= 1 && var.events_batch_size <= 10000 && floor(var.events_batch_size) == var.events_batch_size
    error_message = "events_batch_size must be a whole number from 1 to 10000."
  }
}

variable "events_parallelization_factor" {
  description = "Batches of one stream shard the events function handles at once (1-10). Records of one image stay in order at any factor (Lambda keeps each key's records in order); raise it when the iterator age grows while the function is not failing."
  type        = number
  default     = 1

  validation {
    condition     = var.events_parallelization_factor >= 1 && var.events_parallelization_factor <= 10 && floor(var.events_parallelization_factor) == var.events_parallelization_factor
    error_message = "events_parallelization_factor must be a whole number from 1 to 10."
  }
}

variable "events_max_retry_attempts" {
  description = "Retries of a stream record the events function failed (its batch is split in two at each failure) before Lambda gives up on it and records its shard and sequence range in the events dead-letter queue. -1: retry until events_max_record_age_seconds."
  type        = number
  default     = 10

  validation {
    condition     = var.events_max_retry_attempts >= -1 && var.events_max_retry_attempts <= 10000 && floor(var.events_max_retry_attempts) == var.events_max_retry_attempts
    error_message = "events_max_retry_attempts must be -1 or a whole number from 0 to 10000."
  }
}

variable "events_max_record_age_seconds" {
  description = "Oldest stream record Lambda still retries before giving up on it (dead-letter queue). The stream keeps records 24 hours, and re-driving a dead letter reads them back from it: keep this well below 86400 so there is time to re-drive."
  type        = number
  default     = 21600

  validation {
    condition     = var.events_max_record_age_seconds >= 60 && var.events_max_record_age_seconds <= 86400 && floor(var.events_max_record_age_seconds) == var.events_max_record_age_seconds
    error_message = "events_max_record_age_seconds must be a whole number from 60 to 86400 (the stream's retention; -1, never, would let records expire from the stream without a dead letter)."
  }
}

variable "events_max_iterator_age_seconds" {
  description = "Alarm when the events function lags the table's stream by this many seconds or more (its IteratorAge): counts and announcements are that late."
  type        = number
  default     = 300

  validation {
    condition     = var.events_max_iterator_age_seconds >= 1 && var.events_max_iterator_age_seconds <= 86400 && floor(var.events_max_iterator_age_seconds) == var.events_max_iterator_age_seconds
    error_message = "events_max_iterator_age_seconds must be a whole number from 1 to 86400."
  }
}

# ---------------------------------------------------------------------------------------------
# API and authentication
# ---------------------------------------------------------------------------------------------

variable "auth_mode" {
  description = "\"cognito\": a Cognito user pool and a JWT authorizer guard the API and the owner is the token's `sub`. \"none\": no authorizer; every caller is the owner `anonymous` (development only)."
  type        = string
  default     = "cognito"

  validation {
    condition     = contains(["cognito", "none"], var.auth_mode)
    error_message = "auth_mode must be \"cognito\" or \"none\"."
  }
}

variable "graphiql_enabled" {
  description = "Serve GraphiQL: add the GET /graphql route, where the API answers browsers with GraphiQL (and GET queries), and set the API function's GRAPHIQL. null (the default): on unless environment is \"production\"."
  type        = bool
  default     = null
}

variable "graphiql_public" {
  description = "With auth_mode = \"cognito\", leave GET /graphql without the authorizer so a browser can load GraphiQL. GET requests then run as owner `anonymous` (queries only; mutations need POST). Ignored when GraphiQL is off (graphiql_enabled, environment)."
  type        = bool
  default     = false
}

variable "cors_allowed_origins" {
  description = "Browser origins allowed to call the API and to POST uploads to the originals bucket besides the web console's own (delivery_base_url, always allowed), e.g. [\"https://app.example.com\"]. Empty: the console alone (curl, servers and same-origin GraphiQL need no CORS)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_allowed_origins : o == "*" || can(regex("^https?://[^/\\s]+$", o))])
    error_message = "each cors_allowed_origins entry must be \"*\" or an origin such as https://app.example.com (scheme and host, no path)."
  }
}

variable "api_throttling_burst_limit" {
  description = "API Gateway burst limit (requests) for every route of the stage."
  type        = number
  default     = 100

  validation {
    condition     = var.api_throttling_burst_limit >= 1 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit
    error_message = "api_throttling_burst_limit must be a whole number >= 1."
  }
}

variable "api_throttling_rate_limit" {
  description = "API Gateway steady-state limit, requests per second, for every route of the stage."
  type        = number
  default     = 50

  validation {
    condition     = var.api_throttling_rate_limit > 0
    error_message = "api_throttling_rate_limit must be greater than 0."
  }
}

variable "cognito_self_signup_enabled" {
  description = "Let anyone sign up to the user pool. When false (the default) only an administrator creates users."
  type        = bool
  default     = false
}

variable "cognito_domain_prefix" {
  description = "Prefix of the Cognito hosted sign-in domain the web console sends users to (https://<prefix>.auth.<region>.amazoncognito.com; auth_mode = \"cognito\" only). Unique per region across all AWS accounts. Null: <name>-<account id>."
  type        = string
  default     = null

  validation {
    condition     = var.cognito_domain_prefix == null ? true : can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.cognito_domain_prefix)) && !can(regex("aws|amazon|cognito", var.cognito_domain_prefix))
    error_message = "cognito_domain_prefix must be 1-63 characters of a-z, 0-9 and '-', neither starting nor ending with '-', and must not contain \"aws\", \"amazon\" or \"cognito\" (Cognito reserves them)."
  }
}

variable "admin_group" {
  description = "Cognito group whose members may read every owner's metrics (metrics(scope: ALL)) and moderate: the review queue (moderationQueue), approveImage and rejectImage. The group is created in the user pool; add users to it with `aws cognito-idp admin-add-user-to-group`."
  type        = string
  default     = "admin"

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,128}$", var.admin_group))
    error_message = "admin_group must be a Cognito group name: 1-128 of letters, digits and + = , . @ _ -."
  }
}

# ---------------------------------------------------------------------------------------------
# Application limits (passed to the functions as environment variables)
# ---------------------------------------------------------------------------------------------

variable "max_upload_bytes" {
  description = "Largest upload accepted, in bytes: the presigned POST policy's limit and the processor's check."
  type        = number
  default     = 26214400

  validation {
    condition     = var.max_upload_bytes >= 1024 && var.max_upload_bytes <= 5368709120 && floor(var.max_upload_bytes) == var.max_upload_bytes
    error_message = "max_upload_bytes must be a whole number from 1024 to 5368709120 (5 GiB, the limit of a single POST)."
  }
}

variable "upload_url_ttl_seconds" {
  description = "How long a presigned upload (POST) stays valid, in seconds (60 to 3600). The API signs it with its function role's temporary credentials, and S3 refuses a presigned request once the credentials that signed it expire, whatever its own expiry says. AWS documents no lifetime for a Lambda role's credentials (they need not follow the role's session duration, 1 hour by default), so the expiry is an hour at most; shorter is safer."
  type        = number
  default     = 900

  validation {
    condition     = var.upload_url_ttl_seconds >= 60 && var.upload_url_ttl_seconds <= 3600 && floor(var.upload_url_ttl_seconds) == var.upload_url_ttl_seconds
    error_message = "upload_url_ttl_seconds must be a whole number from 60 to 3600 (an hour): the POST is signed with the API function's temporary role credentials and stops working when they expire; AWS documents no lifetime for them (a role session lasts an hour by default)."
  }
}

variable "max_input_pixels" {
  description = "sharp refuses to decode images with more pixels than this (decompression-bomb guard)."
  type        = number
  default     = 100000000

  validation {
    condition     = var.max_input_pixels >= 1000000 && floor(var.max_input_pixels) == var.max_input_pixels
    error_message = "max_input_pixels must be a whole number >= 1000000."
  }
}

variable "processing_lease_seconds" {
  description = "How long a processor's claim on an image holds before another delivery may take it over. Keep it longer than processor_timeout_seconds."
  type        = number
  default     = 300

  validation {
    condition     = var.processing_lease_seconds >= 30 && floor(var.processing_lease_seconds) == var.processing_lease_seconds
    error_message = "processing_lease_seconds must be a whole number >= 30."
  }
}

variable "max_frames" {
  description = "Animations with more frames than this are refused from their header."
  type        = number
  default     = 500

  validation {
    condition     = var.max_frames >= 1 && floor(var.max_frames) == var.max_frames
    error_message = "max_frames must be a whole number >= 1."
  }
}

variable "max_metadata_bytes" {
  description = "Images with more metadata (EXIF, XMP, ICC, comments) than this many bytes are refused: a bound on decoding memory. Less is dropped from the variants like all metadata (with a warning over 1 MB); malformed metadata is refused at any size."
  type        = number
  default     = 67108864

  validation {
    condition     = var.max_metadata_bytes >= 65536 && floor(var.max_metadata_bytes) == var.max_metadata_bytes
    error_message = "max_metadata_bytes must be a whole number >= 65536."
  }
}

variable "processing_timeout_seconds" {
  description = "An image still unfinished after this many seconds ends FAILED (TIMEOUT). Keep it below processor_timeout_seconds so the function can record the failure."
  type        = number
  default     = 60

  validation {
    condition     = var.processing_timeout_seconds >= 5 && floor(var.processing_timeout_seconds) == var.processing_timeout_seconds
    error_message = "processing_timeout_seconds must be a whole number >= 5."
  }
}

variable "max_attempts" {
  description = "Claims of one image (deliveries, Lambda retries, sweeps) before a passing fault is recorded as final: the image ends FAILED (INTERNAL)."
  type        = number
  default     = 5

  validation {
    condition     = var.max_attempts >= 1 && var.max_attempts <= 20 && floor(var.max_attempts) == var.max_attempts
    error_message = "max_attempts must be a whole number from 1 to 20."
  }
}

variable "sweep_schedule" {
  description = "How often the processor looks for images whose worker vanished (lease ran out or released after a passing fault) and finishes them: an EventBridge Scheduler rate(...) or cron(...) expression."
  type        = string
  default     = "rate(5 minutes)"

  validation {
    condition     = can(regex("^(cron\\(\\S+( \\S+){5}\\)|rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\))$", var.sweep_schedule))
    error_message = "sweep_schedule must look like rate(5 minutes) or cron(0/5 * * * ? *) (six fields)."
  }
}

variable "sweep_batch_size" {
  description = "Images one sweep takes on at most, fairly from every lease shard; the rest wait for the next sweep. With sweep_concurrency it bounds one sweep's time; a sweep the function's timeout cuts short leaves its images to the next (their claims count as attempts)."
  type        = number
  default     = 20

  validation {
    condition     = var.sweep_batch_size >= 1 && var.sweep_batch_size <= 100 && floor(var.sweep_batch_size) == var.sweep_batch_size
    error_message = "sweep_batch_size must be a whole number from 1 to 100."
  }
}

variable "sweep_concurrency" {
  description = "Images one sweep processes at once. Each holds its original (up to max_upload_bytes) and decoded pixels in the processor's memory, so keep it small: an out-of-memory sweep loses its batch to the next sweep."
  type        = number
  default     = 2

  validation {
    condition     = var.sweep_concurrency >= 1 && var.sweep_concurrency <= 10 && floor(var.sweep_concurrency) == var.sweep_concurrency
    error_message = "sweep_concurrency must be a whole number from 1 to 10."
  }
}

variable "metrics_shards" {
  description = "Items the everyone scope's metric counters are spread over: each takes about 250 images/s (docs/SCALE.md). The events function writes and the API and report read this many; raise it, never lower it (counts on shards past a lowered number are no longer read)."
  type        = number
  default     = 8

  validation {
    condition     = var.metrics_shards >= 1 && var.metrics_shards <= 64 && floor(var.metrics_shards) == var.metrics_shards
    error_message = "metrics_shards must be a whole number from 1 to 64."
  }
}

variable "metrics_owner_shards" {
  description = "Items each owner's metric counters are spread over: raise it for an owner above about 250 images/s (docs/SCALE.md). Raise it, never lower it, as metrics_shards."
  type        = number
  default     = 1

  validation {
    condition     = var.metrics_owner_shards >= 1 && var.metrics_owner_shards <= 16 && floor(var.metrics_owner_shards) == var.metrics_owner_shards
    error_message = "metrics_owner_shards must be a whole number from 1 to 16."
  }
}

# Per-owner quotas (QUOTA_* of src/config/env.ts). null: no limit (the functions read "unlimited").

variable "quota_uploads_per_day" {
  description = "Upload tickets one owner may get per UTC day; createUpload beyond it answers QUOTA_EXCEEDED until the next UTC midnight. null: no limit."
  type        = number
  default     = 1000

  validation {
    condition     = var.quota_uploads_per_day == null ? true : var.quota_uploads_per_day >= 1 && floor(var.quota_uploads_per_day) == var.quota_uploads_per_day
    error_message = "quota_uploads_per_day must be null (no limit) or a whole number of at least 1."
  }
}

variable "quota_stored_bytes" {
  description = "Bytes of originals plus variants one owner may keep (deletes give them back; on-demand renders are not counted); once at or above it createUpload answers QUOTA_EXCEEDED. Default 10 GiB. null: no limit."
  type        = number
  default     = 10737418240

  validation {
    condition     = var.quota_stored_bytes == null ? true : var.quota_stored_bytes >= 1 && floor(var.quota_stored_bytes) == var.quota_stored_bytes
    error_message = "quota_stored_bytes must be null (no limit) or a whole number of bytes, at least 1."
  }
}

variable "quota_renders_per_day" {
  description = "On-demand renders (sizes or formats made for the first time) of one owner's images per UTC day; beyond it the delivery function answers 429 with Retry-After until the next UTC midnight. null: no limit."
  type        = number
  default     = 10000

  validation {
    condition     = var.quota_renders_per_day == null ? true : var.quota_renders_per_day >= 1 && floor(var.quota_renders_per_day) == var.quota_renders_per_day
    error_message = "quota_renders_per_day must be null (no limit) or a whole number of at least 1."
  }
}

# ---------------------------------------------------------------------------------------------
# Delivery (CloudFront in front of the variants bucket, the delivery function behind it)
# ---------------------------------------------------------------------------------------------

variable "delivery_signing_keys" {
  description = "Keys delivery URLs are signed with, id => secret: ids of 1-32 letters, digits, '-' or '_' (each URL names its key), secrets of 32 to 1024 printable ASCII characters without commas (e.g. `openssl rand -base64 32`). The edge accepts URLs signed with any of them; the API signs with delivery_signing_key_id. Kept in the Terraform state, as every secret Terraform sets."
  type        = map(string)
  sensitive   = true

  validation {
    condition     = length(var.delivery_signing_keys) > 0 && alltrue([for id in keys(var.delivery_signing_keys) : can(regex("^[A-Za-z0-9_-]{1,32}$", id))])
    error_message = "delivery_signing_keys needs at least one key; key ids must be 1-32 of A-Z, a-z, 0-9, '-' and '_'."
  }

  validation {
    condition     = alltrue([for secret in values(var.delivery_signing_keys) : length(secret) >= 32 && length(secret) <= 1024 && can(regex("^[[:graph:]]+$", secret)) && !strcontains(secret, ",")])
    error_message = "each delivery signing secret must be 32 to 1024 printable ASCII characters, without spaces or commas (e.g. the output of `openssl rand -base64 32`)."
  }
}

variable "delivery_signing_key_id" {
  description = "Which of delivery_signing_keys the API signs new delivery URLs with. To rotate: add a key, switch this to it, and remove the old key once no URL signed with it is needed any more."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,32}$", var.delivery_signing_key_id))
    error_message = "delivery_signing_key_id must be 1-32 of A-Z, a-z, 0-9, '-' and '_' (and a key of delivery_signing_keys)."
  }
}

variable "delivery_url_ttl_seconds" {
  description = "null (the default): public mode, delivery URLs never expire (the signature still stops anyone asking for other sizes). A number: expiring mode, the API's URLs stay valid at least this long and the edge refuses URLs without an expiry."
  type        = number
  default     = null

  validation {
    condition     = var.delivery_url_ttl_seconds == null ? true : var.delivery_url_ttl_seconds >= 1 && var.delivery_url_ttl_seconds <= 31536000 && floor(var.delivery_url_ttl_seconds) == var.delivery_url_ttl_seconds
    error_message = "delivery_url_ttl_seconds must be null (URLs do not expire) or a whole number from 1 to 31536000 (a year)."
  }
}

variable "delivery_max_side" {
  description = "Largest side, in pixels after the DPR, of an on-demand render: the API signs no larger transform and the delivery function refuses one (400)."
  type        = number
  default     = 4096

  validation {
    condition     = var.delivery_max_side >= 16 && var.delivery_max_side <= 16384 && floor(var.delivery_max_side) == var.delivery_max_side
    error_message = "delivery_max_side must be a whole number from 16 to 16384."
  }
}

variable "delivery_sizes" {
  description = "When not empty, the only widths (and heights) on-demand URLs may ask for, in CSS pixels, e.g. [320, 640, 960, 1280]: a bounded set of renders. Empty (the default): any size up to delivery_max_side."
  type        = list(number)
  default     = []

  validation {
    condition     = alltrue([for size in var.delivery_sizes : size >= 1 && size <= 99999 && floor(size) == size]) && length(distinct(var.delivery_sizes)) == length(var.delivery_sizes)
    error_message = "delivery_sizes must be distinct whole numbers from 1 to 99999."
  }
}

variable "delivery_memory_mb" {
  description = "Memory of the delivery function, in MB. It decodes originals with sharp, which uses the extra vCPUs that come with more memory."
  type        = number
  default     = 2048

  validation {
    condition     = var.delivery_memory_mb >= 512 && var.delivery_memory_mb <= 10240 && floor(var.delivery_memory_mb) == var.delivery_memory_mb
    error_message = "delivery_memory_mb must be a whole number from 512 to 10240."
  }
}

variable "delivery_timeout_seconds" {
  description = "Timeout of the delivery function, in seconds; CloudFront waits as long for it (its origin read timeout, at most 60 s without a quota increase). Keep it above render_timeout_seconds."
  type        = number
  default     = 30

  validation {
    condition     = var.delivery_timeout_seconds >= 5 && var.delivery_timeout_seconds <= 60 && floor(var.delivery_timeout_seconds) == var.delivery_timeout_seconds
    error_message = "delivery_timeout_seconds must be a whole number from 5 to 60 (CloudFront's longest origin read timeout by default)."
  }
}

variable "delivery_reserved_concurrency" {
  description = "Reserved concurrent executions of the delivery function; caps how many renders run at once (cached and stored images never reach it). -1 leaves it unreserved. Check the account's unreserved concurrency before setting one (README: Reserved concurrency): Lambda keeps at least 100 unreserved and refuses a reservation that leaves less."
  type        = number
  default     = -1

  validation {
    condition     = var.delivery_reserved_concurrency >= -1 && floor(var.delivery_reserved_concurrency) == var.delivery_reserved_concurrency
    error_message = "delivery_reserved_concurrency must be -1 (unreserved) or a whole number >= 0."
  }
}

variable "render_timeout_seconds" {
  description = "An on-demand render still running after this many seconds is abandoned (503, not cached) and the next request tries again. Keep it below delivery_timeout_seconds."
  type        = number
  default     = 20

  validation {
    condition     = var.render_timeout_seconds >= 1 && floor(var.render_timeout_seconds) == var.render_timeout_seconds
    error_message = "render_timeout_seconds must be a whole number >= 1."
  }
}

variable "render_retention_days" {
  description = "Days after which stored on-demand renders (renders/ in the variants bucket) are deleted; a render asked for again is made again. 0 keeps them."
  type        = number
  default     = 0

  validation {
    condition     = var.render_retention_days >= 0 && floor(var.render_retention_days) == var.render_retention_days
    error_message = "render_retention_days must be a whole number >= 0 (0 = keep)."
  }
}

variable "delivery_aliases" {
  description = "Custom domain names of the distribution, e.g. [\"images.example.com\"]; the first is where delivery URLs point. Needs delivery_certificate_arn. Empty: URLs use the distribution's *.cloudfront.net name. Point the names at the distribution (a DNS alias or CNAME to output delivery_domain_name) yourself."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.delivery_aliases : can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", a))]) && length(distinct(var.delivery_aliases)) == length(var.delivery_aliases)
    error_message = "delivery_aliases must be distinct lower-case domain names such as images.example.com."
  }

  validation {
    condition     = !startswith(try(var.delivery_aliases[0], ""), "*.")
    error_message = "the first of delivery_aliases is where delivery URLs point: it must be a name, not a wildcard."
  }
}

variable "delivery_certificate_arn" {
  description = "ARN of the ACM certificate for delivery_aliases. CloudFront only uses certificates from us-east-1. null (with no aliases): the default *.cloudfront.net certificate."
  type        = string
  default     = null

  validation {
    condition     = var.delivery_certificate_arn == null ? true : can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$", var.delivery_certificate_arn))
    error_message = "delivery_certificate_arn must be the ARN of an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>), the only region CloudFront takes certificates from."
  }
}

variable "delivery_price_class" {
  description = "Which CloudFront edge locations serve the images: PriceClass_100 (North America, Europe, Israel; cheapest), PriceClass_200 (adds most of Asia, the Middle East and Africa) or PriceClass_All."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.delivery_price_class)
    error_message = "delivery_price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "delivery_access_logs_enabled" {
  description = "Log every request to the distribution (CloudFront standard logging v2) to the CloudWatch Logs group /aws/vendedlogs/cloudfront/<name>-delivery in us-east-1, kept log_retention_days."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------
# Analysis and moderation (Amazon Rekognition)
# ---------------------------------------------------------------------------------------------

variable "rekognition_region" {
  description = "Region the processor calls Amazon Rekognition in (DetectFaces, DetectLabels, DetectModerationLabels). null (the default): the stack's region. Set it when the stack's region has no Rekognition (a precondition stops apply there): each image's analysis copy, a JPEG at most 1600 pixels on its longest side, is then sent to that region."
  type        = string
  default     = null

  validation {
    condition     = var.rekognition_region == null ? true : can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.rekognition_region))
    error_message = "rekognition_region must be null (the stack's region) or an AWS region code such as us-east-1."
  }
}

variable "moderation_threshold" {
  description = "Confidence, as a ratio from 0 to 1, at or above which a reject label (moderation_reject_labels) rejects an image. From moderation_review_threshold up to below this, the image is held IN_REVIEW for a person (approveImage / rejectImage) instead. 0.8 means 80 %."
  type        = number
  default     = 0.8

  validation {
    condition     = var.moderation_threshold >= 0 && var.moderation_threshold <= 1
    error_message = "moderation_threshold must be a ratio from 0 to 1 (0.8 means 80 %)."
  }
}

variable "moderation_review_threshold" {
  description = "Confidence, as a ratio from 0 to 1 and at most moderation_threshold, at or above which a reject label holds an image IN_REVIEW for a person in the admin group (moderationQueue, approveImage / rejectImage); its variants are stored but not served until approved. Equal to moderation_threshold: no review, moderation only rejects. 0.5 means 50 %."
  type        = number
  default     = 0.5

  # At most moderation_threshold: a precondition of the processor function (lambda.tf).
  validation {
    condition     = var.moderation_review_threshold >= 0 && var.moderation_review_threshold <= 1
    error_message = "moderation_review_threshold must be a ratio from 0 to 1 (0.5 means 50 %)."
  }
}

variable "review_reminder_hours" {
  description = "An image IN_REVIEW this many hours (since it was held, or last reminded) is announced again on the topic (image.review_reminder), and again after each further period, until a person decides. The processor's sweep (sweep_schedule) sends the reminders."
  type        = number
  default     = 24

  validation {
    condition     = var.review_reminder_hours >= 1 && floor(var.review_reminder_hours) == var.review_reminder_hours
    error_message = "review_reminder_hours must be a whole number >= 1."
  }
}

variable "duplicates" {
  description = "What an upload whose perceptual hash is within duplicate_max_distance bits of one of the same owner's images (processed or in review) becomes: \"off\" (nothing), \"review\" (held IN_REVIEW for a person) or \"reject\" (REJECTED, error code DUPLICATE); Image.duplicateOf names the image it resembles. Owners are never compared with each other. Not off: each upload reads the owner's newest images from the owner index (up to 5000), so its DynamoDB reads grow with the owner's image count."
  type        = string
  default     = "off"

  validation {
    condition     = contains(["off", "review", "reject"], var.duplicates)
    error_message = "duplicates must be \"off\", \"review\" or \"reject\"."
  }
}

variable "duplicate_max_distance" {
  description = "Perceptual-hash bits (of 64) two images may differ by and still count as duplicates (duplicates): resized or recompressed copies differ by a few, different pictures by about 32."
  type        = number
  default     = 6

  validation {
    condition     = var.duplicate_max_distance >= 0 && var.duplicate_max_distance <= 32 && floor(var.duplicate_max_distance) == var.duplicate_max_distance
    error_message = "duplicate_max_distance must be a whole number from 0 to 32."
  }
}

variable "moderation_reject_labels" {
  description = "Rekognition moderation labels that reject an image; a label also rejects when one of its parents is listed. \"Explicit\" is the top level of the current taxonomy, \"Explicit Nudity\" of the previous one."
  type        = list(string)
  default     = ["Explicit", "Explicit Nudity"]

  validation {
    condition     = length(var.moderation_reject_labels) > 0 && alltrue([for l in var.moderation_reject_labels : length(trimspace(l)) > 0 && !strcontains(l, ",")])
    error_message = "moderation_reject_labels must list at least one label name; names must not be blank or contain commas."
  }
}

variable "detect_labels" {
  description = "Also detect objects and scenes (Rekognition DetectLabels, billed per image)."
  type        = bool
  default     = true
}

variable "face_attributes" {
  description = "Face details from DetectFaces: ALL (age range, emotions, landmarks, ...) or DEFAULT (box, confidence, landmarks)."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ALL", "DEFAULT"], var.face_attributes)
    error_message = "face_attributes must be ALL or DEFAULT."
  }
}

variable "allow_svg" {
  description = "Accept SVG uploads. Only self-contained drawings are rendered (no DOCTYPE or entities, scripts, or external references)."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------------------------

variable "s3_versioning_enabled" {
  description = "Keep previous versions of overwritten or deleted objects in both buckets (noncurrent versions expire after noncurrent_version_expiration_days). The originals bucket keeps them whenever backup_enabled is true, whatever this says: replication needs them."
  type        = bool
  default     = true
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are deleted (when versioning is on)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number >= 1."
  }
}

variable "abandoned_upload_expiration_days" {
  description = "Days after which incomplete multipart uploads to either bucket are aborted and their parts deleted."
  type        = number
  default     = 1

  validation {
    condition     = var.abandoned_upload_expiration_days >= 1 && floor(var.abandoned_upload_expiration_days) == var.abandoned_upload_expiration_days
    error_message = "abandoned_upload_expiration_days must be a whole number >= 1."
  }
}

variable "originals_expiration_days" {
  description = "Days after which original uploads are deleted from the originals bucket (variants are kept). 0 keeps them forever."
  type        = number
  default     = 0

  validation {
    condition     = var.originals_expiration_days >= 0 && floor(var.originals_expiration_days) == var.originals_expiration_days
    error_message = "originals_expiration_days must be a whole number >= 0 (0 = never)."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete the buckets even when they hold objects. Set to true (and apply) before tearing a stack down."
  type        = bool
  default     = false
}

variable "point_in_time_recovery_enabled" {
  description = "Continuous backups (point-in-time recovery) of the table and its replicas."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Protect the table and the user pool from deletion. Set to false (and apply) before `terraform destroy`."
  type        = bool
  default     = false
}

variable "table_replica_regions" {
  description = "Extra regions the table is replicated to (DynamoDB global table, version 2019.11.21). Must not contain var.region."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for r in var.table_replica_regions : can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", r))]) && length(distinct(var.table_replica_regions)) == length(var.table_replica_regions)
    error_message = "table_replica_regions must be distinct AWS region codes such as us-west-2."
  }
}

# ---------------------------------------------------------------------------------------------
# Backup of the originals (backup.tf; README: Backup and restore)
# ---------------------------------------------------------------------------------------------

variable "backup_enabled" {
  description = "Replicate every original uploaded from now on (the upload prefix of the originals bucket) to a backup bucket of its own, in backup_region. Deletes are not replicated: an original removed by deleteImage, by hand or by originals_expiration_days stays in the backup. Turns versioning on for the originals bucket (replication needs it), whatever s3_versioning_enabled says. Originals stored before are not copied: S3 Batch Replication does that."
  type        = bool
  default     = false
}

variable "backup_region" {
  description = "Region of the backup bucket. null (the default): the stack's region (same-region replication); another region keeps the backup out of a regional outage (cross-region replication, which adds inter-region transfer per GB)."
  type        = string
  default     = null

  validation {
    condition     = var.backup_region == null ? true : can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.backup_region))
    error_message = "backup_region must be null (the stack's region) or an AWS region code such as eu-central-1."
  }
}

# GLACIER_IR by default: a backup is written once and read only to restore, and Glacier Instant
# Retrieval is the cheapest class still read in milliseconds, so a restore is one copy-object
# (GLACIER and DEEP_ARCHIVE cost less but need a restore-object of hours first). It bills at
# least 90 days and 128 KB an object, which originals rarely undercut. S3's other classes are
# left out: REDUCED_REDUNDANCY is deprecated, the rest are for Outposts, Snow or special storage.
variable "backup_storage_class" {
  description = "Storage class of the replicas in the backup bucket: STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE. The last two must be restored (restore-object, hours) before an original can be copied back."
  type        = string
  default     = "GLACIER_IR"

  validation {
    condition     = contains(["STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], var.backup_storage_class)
    error_message = "backup_storage_class must be one of STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE."
  }
}

variable "backup_noncurrent_version_expiration_days" {
  description = "Days after which earlier versions in the backup bucket are deleted. A key gets a new version when its original is written again (reprocessImage copies it onto itself, a ticket posted twice, a restore). 90 matches GLACIER_IR's minimum storage duration: deleting sooner saves nothing."
  type        = number
  default     = 90

  validation {
    condition     = var.backup_noncurrent_version_expiration_days >= 1 && floor(var.backup_noncurrent_version_expiration_days) == var.backup_noncurrent_version_expiration_days
    error_message = "backup_noncurrent_version_expiration_days must be a whole number >= 1."
  }
}

variable "backup_expiration_days" {
  description = "Days after which a backed-up original expires from the backup, whether or not its image still exists (it is then kept backup_noncurrent_version_expiration_days more as an earlier version): the backup covers mistakes found within that time, and keeps deleted images no longer. 0 (the default) keeps them for ever."
  type        = number
  default     = 0

  validation {
    condition     = var.backup_expiration_days >= 0 && floor(var.backup_expiration_days) == var.backup_expiration_days
    error_message = "backup_expiration_days must be a whole number >= 0 (0 = never)."
  }
}

# ---------------------------------------------------------------------------------------------
# Notifications and alarms
# ---------------------------------------------------------------------------------------------

variable "notification_subscriptions" {
  description = <<-EOT
    Subscriptions to the events topic, by a name of your choice. protocol is email, email-json,
    sms or https; endpoint the address, phone number (E.164) or URL. filter_policy is an optional
    SNS filter policy (JSON) on the message attributes the events function sets (eventType,
    status, owner); alarms carry no attributes, so a filtered subscription does not receive them.
  EOT
  type = map(object({
    protocol             = string
    endpoint             = string
    filter_policy        = optional(string)
    raw_message_delivery = optional(bool, false)
  }))
  default = {}

  validation {
    condition     = alltrue([for s in values(var.notification_subscriptions) : contains(["email", "email-json", "sms", "https"], s.protocol)])
    error_message = "each subscription's protocol must be one of email, email-json, sms, https."
  }

  validation {
    condition = alltrue([for s in values(var.notification_subscriptions) : (
      s.protocol == "sms" ? can(regex("^\\+[1-9][0-9]{6,14}$", s.endpoint)) :
      s.protocol == "https" ? startswith(s.endpoint, "https://") :
      can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", s.endpoint))
    )])
    error_message = "each subscription's endpoint must fit its protocol: an email address, an E.164 phone number (+15555550123) or an https:// URL."
  }

  validation {
    condition     = alltrue([for s in values(var.notification_subscriptions) : s.filter_policy == null || can(keys(jsondecode(s.filter_policy)))])
    error_message = "filter_policy must be a JSON object, e.g. {\"status\": [\"REJECTED\", \"FAILED\"]}."
  }

  validation {
    condition     = alltrue([for s in values(var.notification_subscriptions) : !s.raw_message_delivery || s.protocol == "https"])
    error_message = "raw_message_delivery is only possible for https subscriptions."
  }
}

variable "alarms_enabled" {
  description = "Create the CloudWatch alarms (function errors and throttles, DLQ depth, the events function's lag, API 5xx, failed images); they notify the events topic."
  type        = bool
  default     = true
}
