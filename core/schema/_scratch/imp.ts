import "@bufbuild/cel"; 
