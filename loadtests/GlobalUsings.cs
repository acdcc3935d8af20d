// The simulator library's namespace, Actors.Simulation, hides the load engine's Simulation class inside Actors.*
// namespaces; its factories of load simulations (Inject, KeepConstant...) go by this name here.
global using LoadShapes = Actors.Load.Simulations.Simulation;
