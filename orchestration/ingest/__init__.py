"""Reading raw input files into articles, or into recorded rejections."""
