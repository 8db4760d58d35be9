from uchwaly_parser.cli import main

raise SystemExit(main())
