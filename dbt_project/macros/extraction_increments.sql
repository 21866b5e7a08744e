{#- Models incremental by extraction: each run adds the rows of articles extracted since the last
    build. Rows carry the article_id and extractor_version they came from; an article re-extracted
    by another extractor version has its old rows dropped (the pre-hook) and its new ones added. -#}

{% macro drop_rows_of_reextracted_articles() %}
    {%- if is_incremental() %}
    delete from {{ this }}
    where article_id || '@' || extractor_version not in (
        select article_id || '@' || extractor_version
        from {{ ref('stg_extraction__processed_articles') }}
    )
    {%- endif %}
{% endmacro %}

{% macro only_articles_not_yet_built() %}
    {%- if is_incremental() %}
    where article_id || '@' || extractor_version not in (
        select article_id || '@' || extractor_version from {{ this }}
    )
    {%- endif %}
{% endmacro %}
