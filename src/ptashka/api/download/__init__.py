"""Oscar-api's file downloader, overridden (OSCARAPI_OVERRIDE_MODULES): the API fetches no files."""
